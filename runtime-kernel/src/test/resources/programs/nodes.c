/* Owners, special files and sync, passed to the host: FIFOs by mkfifo and mknod, chown/lchown/fchown/fchownat to
 * the owner the files already have, and their errors; sync and syncfs. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static const char *err(long r) {
    if (r >= 0) return "ok";
    switch (errno) {
    case EBADF: return "EBADF";
    case EFAULT: return "EFAULT";
    case EEXIST: return "EEXIST";
    case ENOENT: return "ENOENT";
    default: return "other";
    }
}

static const char *type(const char *path) {
    struct stat st;
    if (lstat(path, &st) != 0) return "missing";
    return S_ISFIFO(st.st_mode) ? "fifo" : S_ISLNK(st.st_mode) ? "symlink" : S_ISREG(st.st_mode) ? "file" : "other";
}

int main(void) {
    char dir[] = "/tmp/ring3-nodes-XXXXXX";
    if (!mkdtemp(dir)) return 2;
    if (chdir(dir) != 0) return 2;
    const char *r = err(mkfifo("fifo", 0600));
    printf("mkfifo: %s, %s\n", r, type("fifo"));
    printf("mkfifo again: %s\n", err(mkfifo("fifo", 0600)));
    r = err(mknod("node", S_IFIFO | 0644, 0));
    printf("mknod a fifo: %s, %s\n", r, type("node"));
    int d = open(".", O_RDONLY | O_DIRECTORY);
    r = err(mknodat(d, "node2", S_IFIFO | 0644, 0));
    printf("mknodat: %s, %s\n", r, type("node2"));
    printf("mknod, bad path: %s\n", err(syscall(SYS_mknod, (char *) 8, S_IFIFO | 0644, 0)));

    uid_t u = getuid();
    gid_t g = getgid();
    int f = open("file", O_RDWR | O_CREAT, 0644);
    symlink("file", "link");
    printf("chown: %s\n", err(chown("file", u, g)));
    r = err(lchown("link", u, g));
    printf("lchown on a symlink: %s, %s\n", r, type("link"));
    printf("fchown: %s\n", err(fchown(f, u, g)));
    printf("fchownat, no follow: %s\n", err(fchownat(d, "link", u, g, AT_SYMLINK_NOFOLLOW)));
    printf("chown, missing: %s\n", err(chown("missing", u, g)));
    printf("fchown, bad descriptor: %s\n", err(fchown(99, u, g)));
    struct stat st;
    stat("file", &st);
    printf("owner kept: %d\n", st.st_uid == u && st.st_gid == g);

    sync();
    printf("syncfs: %s\n", err(syncfs(f)));
    printf("syncfs, bad descriptor: %s\n", err(syncfs(99)));

    unlink("fifo");
    unlink("node");
    unlink("node2");
    unlink("link");
    unlink("file");
    chdir("/");
    printf("rmdir: %s\n", err(rmdir(dir)));
    return 0;
}

# SyscallBench's guest: 2^20 getpid calls, then exit(0). Built by the benchmark with as/ld.
# CONSTANT selects how RAX gets the number: an immediate right before the SYSCALL (the translator links the
# handler directly) or a load from memory (the translator cannot know it: x64_sys_call's switch).
        .globl _start
        .text
_start:
        mov     $1048576, %ebx
1:
.if CONSTANT
        mov     $39, %eax               # __NR_getpid (asm/unistd_64.h)
.else
        mov     nr(%rip), %eax
.endif
        syscall
        dec     %ebx
        jnz     1b
        mov     $60, %eax               # __NR_exit
        xor     %edi, %edi
        syscall
        .data
nr:     .long   39

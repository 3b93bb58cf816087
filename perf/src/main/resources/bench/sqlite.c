/* SQLite in memory: inserts, an index, aggregate and join queries. Scale: argv[1] (default 3, about 1.2 s natively). Needs libsqlite3-dev. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

static void exec(sqlite3 *db, const char *sql) {
    char *err = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) { fprintf(stderr, "%s: %s\n", sql, err); exit(1); }
}

int main(int argc, char **argv) {
    long scale = argc > 1 ? atol(argv[1]) : 3;
    sqlite3 *db;
    if (sqlite3_open(":memory:", &db) != SQLITE_OK) return 1;
    exec(db, "CREATE TABLE t(id INTEGER PRIMARY KEY, k INTEGER, name TEXT, v REAL)");
    exec(db, "CREATE TABLE u(k INTEGER PRIMARY KEY, label TEXT)");
    sqlite3_stmt *ins;
    sqlite3_prepare_v2(db, "INSERT INTO t(k, name, v) VALUES(?, ?, ?)", -1, &ins, NULL);
    exec(db, "BEGIN");
    unsigned s = 7;
    char name[32];
    for (long i = 0; i < 150000 * scale; i++) {
        s = s * 1664525u + 1013904223u;
        sqlite3_bind_int(ins, 1, (int) (s % 5000));
        snprintf(name, sizeof name, "n%08x", s);
        sqlite3_bind_text(ins, 2, name, -1, SQLITE_TRANSIENT);
        sqlite3_bind_double(ins, 3, (s % 100000) / 100.0);
        sqlite3_step(ins);
        sqlite3_reset(ins);
    }
    for (int k = 0; k < 5000; k++) {
        char sql[96];
        snprintf(sql, sizeof sql, "INSERT INTO u VALUES(%d, 'label-%d')", k, k % 97);
        exec(db, sql);
    }
    exec(db, "COMMIT");
    sqlite3_finalize(ins);
    exec(db, "CREATE INDEX tk ON t(k)");
    sqlite3_stmt *q;
    double total = 0;
    sqlite3_prepare_v2(db, "SELECT u.label, count(*), avg(t.v), max(t.name) FROM t JOIN u ON t.k = u.k "
                           "WHERE t.v > ? GROUP BY u.label ORDER BY 2 DESC LIMIT 5", -1, &q, NULL);
    for (int r = 0; r < 4; r++) {
        sqlite3_bind_double(q, 1, r * 100.0);
        while (sqlite3_step(q) == SQLITE_ROW) total += sqlite3_column_int(q, 1) + sqlite3_column_double(q, 2);
        sqlite3_reset(q);
    }
    sqlite3_finalize(q);
    printf("sqlite %.4f\n", total);
    sqlite3_close(db);
    return 0;
}

/* An embedded Lua 5.4 interpreter running a script (recursion, tables, strings). Scale: argv[1] (default 15, about 1.2 s natively). */
#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>
#include <stdio.h>
#include <stdlib.h>

static const char *SCRIPT =
    "local scale = ...\n"
    "local function fib(n) if n < 2 then return n end return fib(n-1) + fib(n-2) end\n"
    "local acc = 0\n"
    "for r = 1, scale do\n"
    "  acc = acc + fib(27)\n"
    "  local t = {}\n"
    "  for i = 1, 200000 do t[i] = (i * 7919) % 10007 end\n"
    "  table.sort(t)\n"
    "  local parts = {}\n"
    "  for i = 1, 20000 do parts[#parts + 1] = string.format('%d:%x', i, t[i]) end\n"
    "  local s = table.concat(parts, ',')\n"
    "  acc = acc + #s + t[100000]\n"
    "  local words = 0\n"
    "  for w in s:gmatch('[^,]+') do words = words + 1 end\n"
    "  acc = acc + words\n"
    "end\n"
    "return acc\n";

int main(int argc, char **argv) {
    long scale = argc > 1 ? atol(argv[1]) : 15;
    lua_State *L = luaL_newstate();
    luaL_openlibs(L);
    if (luaL_loadstring(L, SCRIPT) != LUA_OK) { fprintf(stderr, "%s\n", lua_tostring(L, -1)); return 1; }
    lua_pushinteger(L, scale);
    if (lua_pcall(L, 1, 1, 0) != LUA_OK) { fprintf(stderr, "%s\n", lua_tostring(L, -1)); return 1; }
    printf("lua %lld\n", (long long) lua_tointeger(L, -1));
    lua_close(L);
    return 0;
}

package dev.ring3.jit;

/**
 * What the code cache needs to know of the address space's mappings: whether code may run from an address (NX),
 * and whether it is writable (code from writable pages is re-checked before each run, see {@link Block}).
 * The kernel implements it over its mapping table; tests can allow everything.
 */
public interface PageInfo {
    boolean executable(long addr);

    boolean writable(long addr);

    PageInfo ALL = new PageInfo() {
        public boolean executable(long addr) { return true; }
        public boolean writable(long addr) { return false; }
    };
}

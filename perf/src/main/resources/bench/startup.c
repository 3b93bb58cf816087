/* Does nothing: what starting a static glibc process costs under each mode (perf/bench's start-up line). */
int main(void) { return 0; }

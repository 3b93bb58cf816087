// Go runtime on threads: goroutines over channels on several OS threads (clone with CLONE_THREAD, futex), the
// garbage collector running beside them, timers (epoll, with lower bounds on time only), a recovered panic, a
// goroutine looping without calls preempted for the collector, a line on stderr and os.Exit(3).
package main

import (
	"fmt"
	"os"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"
	"time"
)

type node struct {
	left, right *node
	val         int
}

func build(d int) *node {
	if d == 0 {
		return &node{val: 1}
	}
	return &node{build(d - 1), build(d - 1), d}
}

func (n *node) sum() int {
	if n.left == nil {
		return n.val
	}
	return n.val + n.left.sum() + n.right.sum()
}

func main() {
	// goroutines over channels
	jobs := make(chan int, 100)
	results := make(chan int, 100)
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func(id int) {
			defer wg.Done()
			for j := range jobs {
				s := 0
				for k := 0; k < j*1000; k++ {
					s += k % 7
				}
				results <- s
			}
		}(w)
	}
	for j := 1; j <= 50; j++ {
		jobs <- j
	}
	close(jobs)
	wg.Wait()
	close(results)
	var all []int
	for r := range results {
		all = append(all, r)
	}
	sort.Ints(all)
	total := 0
	for _, r := range all {
		total += r
	}
	fmt.Println("results", len(all), "total", total)

	// garbage: trees built in parallel, the collector running on other threads
	var mu sync.Mutex
	sums := 0
	var wg2 sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg2.Add(1)
		go func() {
			defer wg2.Done()
			for r := 0; r < 20; r++ {
				t := build(12)
				mu.Lock()
				sums += t.sum()
				mu.Unlock()
			}
		}()
	}
	wg2.Wait()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Println("tree sums", sums, "gc ran", ms.NumGC > 0)

	// timers and select: lower bounds only (an upper bound would depend on the machine's load)
	start := time.Now()
	tick := time.NewTicker(2 * time.Millisecond)
	n := 0
	timeout := time.After(20 * time.Second)
loop:
	for {
		select {
		case <-tick.C:
			n++
			if n == 5 {
				break loop
			}
		case <-timeout:
			break loop
		}
	}
	tick.Stop()
	fmt.Println("ticks", n, "elapsed at least 10 ms:", time.Since(start) >= 10*time.Millisecond)
	t0 := time.Now()
	time.Sleep(20 * time.Millisecond)
	fmt.Println("slept at least 20 ms:", time.Since(t0) >= 20*time.Millisecond)

	// a goroutine looping without calls is preempted (by a signal) so that the collector can stop the world
	var stop int32
	spinning := make(chan int)
	go func() {
		spinning <- 0
		n := 0
		for atomic.LoadInt32(&stop) == 0 {
			n++
		}
		spinning <- n
	}()
	<-spinning
	runtime.GC()
	atomic.StoreInt32(&stop, 1)
	fmt.Println("a looping goroutine was preempted for the collector:", <-spinning >= 0)

	// a panic recovered in a goroutine, then exit code 3 from os.Exit
	done := make(chan string)
	go func() {
		defer func() { done <- fmt.Sprint("recovered: ", recover()) }()
		var m map[string]int
		m["x"] = 1
	}()
	fmt.Println(<-done)
	fmt.Fprintln(os.Stderr, "to stderr")
	os.Exit(3)
}

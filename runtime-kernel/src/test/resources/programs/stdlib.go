// The standard library on ring3: JSON, regular expressions, SHA-256, gzip, big numbers, files and directories,
// os/exec (vfork-style clone, execve, pipes, waitid with WNOWAIT then wait4), select over channels and timers, a
// line on stderr and os.Exit(5).
package main

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"
)

func main() {
	// json
	m := map[string]any{"a": 1, "b": []int{1, 2, 3}, "c": map[string]string{"x": "y"}}
	j, _ := json.Marshal(m)
	fmt.Println(string(j))
	var back map[string]any
	json.Unmarshal(j, &back)
	fmt.Println(len(back))
	// regexp
	re := regexp.MustCompile(`(\w+)@(\w+)\.com`)
	fmt.Println(re.FindAllStringSubmatch("a@b.com, cc@dd.com x@y.org", -1))
	// crypto
	fmt.Printf("%x\n", sha256.Sum256([]byte(strings.Repeat("ring3", 1000))))
	// gzip round trip
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write([]byte(strings.Repeat("hello gzip ", 5000)))
	w.Close()
	r, _ := gzip.NewReader(&buf)
	out, _ := io.ReadAll(r)
	fmt.Println(len(out))
	// big
	f := new(big.Int).MulRange(1, 200)
	fmt.Println(len(f.String()), f.String()[:20])
	// files
	dir, _ := os.MkdirTemp("", "r3")
	p := filepath.Join(dir, "f.txt")
	os.WriteFile(p, []byte("line1\nline2\n"), 0644)
	data, _ := os.ReadFile(p)
	fmt.Print(string(data))
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		fmt.Println(e.Name(), e.IsDir())
	}
	os.RemoveAll(dir)
	// exec
	cmd := exec.Command("/bin/busybox", "echo", "from child")
	o, err := cmd.Output()
	fmt.Printf("%q %v\n", o, err)
	cmd = exec.Command("/bin/busybox", "sh", "-c", "exit 7")
	err = cmd.Run()
	fmt.Println(err)
	// goroutines + select + timers
	var wg sync.WaitGroup
	ch := make(chan int)
	done := make(chan struct{})
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func(i int) { defer wg.Done(); ch <- i * i }(i)
	}
	go func() { wg.Wait(); close(done) }()
	var got []int
loop:
	for {
		select {
		case v := <-ch:
			got = append(got, v)
		case <-done:
			break loop
		case <-time.After(5 * time.Second):
			fmt.Println("timeout")
			break loop
		}
	}
	sort.Ints(got)
	fmt.Println(got)
	t0 := time.Now()
	time.Sleep(20 * time.Millisecond)
	fmt.Println(time.Since(t0) >= 20*time.Millisecond)
	fmt.Fprintln(os.Stderr, "bye")
	os.Exit(5)
}

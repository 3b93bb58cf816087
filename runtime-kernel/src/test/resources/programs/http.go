// net/http on the loopback: a server and eight concurrent clients (sockets, nonblocking accept4 and connect,
// epoll through the Go netpoller, goroutines on several threads), and a 404.
package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
)

func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Println("listen:", err)
		os.Exit(1)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/hello", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "hello %s", r.URL.Query().Get("name"))
	})
	srv := &http.Server{Handler: mux}
	go srv.Serve(ln)
	url := "http://" + ln.Addr().String()
	var wg sync.WaitGroup
	results := make([]string, 8)
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			resp, err := http.Get(fmt.Sprintf("%s/hello?name=g%d", url, i))
			if err != nil {
				results[i] = "error: " + err.Error()
				return
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			results[i] = fmt.Sprint(resp.StatusCode, " ", string(b))
		}(i)
	}
	wg.Wait()
	fmt.Println(strings.Join(results, "\n"))
	resp, err := http.Get(url + "/missing")
	if err == nil {
		fmt.Println("missing:", resp.StatusCode)
		resp.Body.Close()
	}
	srv.Close()
}

// Prints robfig/cron v3's firings for each request line "<count> <unix seconds> CRON_TZ=<zone> <cron>",
// parsed with the options of Chaos Mesh 2.8 (api/v1alpha1/schedule_types.go, StandardCronParser):
// one line per request, the firings as unix seconds separated by spaces, or "error: <reason>".
package main

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	cron "github.com/robfig/cron"
)

var parser = cron.NewParser(cron.SecondOptional | cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

func firings(line string) string {
	parts := strings.SplitN(line, " ", 3)
	if len(parts) != 3 {
		return "error: malformed request"
	}
	count, _ := strconv.Atoi(parts[0])
	from, _ := strconv.ParseInt(parts[1], 10, 64)
	schedule, err := parser.Parse(parts[2])
	if err != nil {
		return "error: " + err.Error()
	}
	out := make([]string, 0, count)
	t := time.Unix(from, 0).UTC()
	for i := 0; i < count; i++ {
		t = schedule.Next(t)
		if t.IsZero() {
			break
		}
		out = append(out, strconv.FormatInt(t.Unix(), 10))
	}
	return strings.Join(out, " ")
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<20)
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	for in.Scan() {
		fmt.Fprintln(w, firings(in.Text()))
	}
}

-- wrk reporter: after the run, print one machine-readable line that bench/run.sh parses.
--   BENCH_RESULT {"requests":…,"duration_us":…,"rps":…,"lat_p50_us":…,…}
-- Only done() is defined: a response() hook would make wrk hand every response to Lua and cost
-- client CPU that the server competes for on a small machine. wrk's "status" error counter
-- counts responses with status >= 400; bench/run.sh checks beforehand that each URL answers 200.
done = function(summary, latency, requests)
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    'BENCH_RESULT {"requests":%d,"duration_us":%d,"bytes":%d,"rps":%.2f,' ..
    '"lat_mean_us":%.1f,"lat_p50_us":%d,"lat_p90_us":%d,"lat_p99_us":%d,"lat_max_us":%d,' ..
    '"status_errors":%d,"connect_errors":%d,"read_errors":%d,"write_errors":%d,"timeouts":%d}\n',
    summary.requests, summary.duration, summary.bytes, summary.requests / seconds,
    latency.mean, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    e.status, e.connect, e.read, e.write, e.timeout))
end

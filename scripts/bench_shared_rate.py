#!/usr/bin/env python3
"""Two or three `ctbulk apply` processes of disjoint jobs at once against one `ctbulk sandbox` limited to 5 requests/s
per client (as the API is per IP address): the combined request rate while all of them run, as a share of the
limit, and how many requests the sandbox refused for rate (the target: >= 95 % of the limit, 0 x 429).

    python3 scripts/bench_shared_rate.py [--ctbulk .build/release/ctbulk] [--processes 3] [--rows 60]

Only 127.0.0.1. A benchmark figure, never a test assertion.
"""
import argparse, json, os, re, subprocess, sys, tempfile, time, urllib.request

def get(port, path):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as answer:
        return json.loads(answer.read())

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ctbulk", default=".build/release/ctbulk")
    parser.add_argument("--processes", type=int, default=3)
    parser.add_argument("--rows", type=int, default=60, help="numbers per process")
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="ctbulk-shared-rate-")
    total = args.processes * args.rows
    sandbox = subprocess.Popen([args.ctbulk, "sandbox", "--port", "0", "--numbers", str(total), "--seed", "7",
                                "--rate-limit", "5"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        line = sandbox.stdout.readline()
        port = int(re.search(r"http://127\.0\.0\.1:(\d+)", line).group(1))
        numbers = sorted(record["phoneNumber"] for record in get(port, "/_sandbox/state"))
        env = dict(os.environ, CALLTOUCH_ACCESS_TOKEN="sandbox-token", CALLTOUCH_SITE_ID="1",
                   CTBULK_STATE_DIR=os.path.join(work, "state"))
        children = []
        for index in range(args.processes):
            job = os.path.join(work, f"job{index}.csv")
            with open(job, "w", encoding="utf-8") as out:
                out.write("phone_number;pool_name;source\n")
                for number in numbers[index * args.rows:(index + 1) * args.rows]:
                    out.write(f"{number};bench {index};src-{index}\n")
            children.append(subprocess.Popen(
                [args.ctbulk, "apply", job, "--base-url", f"http://127.0.0.1:{port}", "--rate", "5", "--yes", "--quiet",
                 "--journal", os.path.join(work, f"j{index}.sqlite"), "--lang", "en"],
                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True))
        samples = []  # (time, requests received so far)
        while all(child.poll() is None for child in children):
            stats = get(port, "/_sandbox/stats")
            samples.append((time.monotonic(), sum(stats["requests"].values())))
            time.sleep(0.5)
        codes = [child.wait() for child in children]
        stats = get(port, "/_sandbox/stats")
        # The window while every process ran, leaving out the first 3 s (start-up, plan reads).
        start = next((s for s in samples if s[0] >= samples[0][0] + 3), samples[0])
        end = samples[-1]
        rate = (end[1] - start[1]) / (end[0] - start[0]) if end[0] > start[0] else 0
        print(f"{args.processes} processes x {args.rows} rows, limit 5/s: combined {rate:.2f} requests/s "
              f"= {rate / 5 * 100:.1f} % of the limit over {end[0] - start[0]:.1f} s while all ran; "
              f"429 answers: {stats['rejected']['rate_limit']}; exit codes {codes}")
    finally:
        sandbox.kill()

if __name__ == "__main__":
    sys.exit(main())

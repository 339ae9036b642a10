#!/usr/bin/env python3
"""The Python baseline of bench/Test-SmtpRelay.bench.ps1: the STARTTLS relay probe an admin writes with
smtplib, 32 threads at a time.

Each probe: connect, EHLO, STARTTLS (certificate verification off, as -SkipCertificateCheck), EHLO,
MAIL FROM, RCPT TO, QUIT. Prints one JSON line: the seconds (and CPU seconds of this process) of each run (after the interpreter and its
imports are up, as an admin's script measures), the replies counted, and the process's own wall time.

    python3 bench/smtplib_probe.py --host 127.0.0.1 --port 6025 --probes 200 --threads 32 --runs 5
"""

import argparse
import concurrent.futures
import json
import os
import smtplib
import ssl
import sys
import time

START = time.perf_counter()


def probe(host, port, context, sender, recipient, timeout):
    with smtplib.SMTP(host, port, timeout=timeout) as client:
        client.ehlo("probe.example.net")
        client.starttls(context=context)
        client.ehlo("probe.example.net")
        code, _ = client.mail(sender)
        if code // 100 != 2:
            return code
        code, _ = client.rcpt(recipient)
        return code


def run(args, context):
    counts = {}
    clock = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(args.threads) as pool:
        futures = [pool.submit(probe, args.host, args.port, context, args.sender, args.to, args.timeout) for _ in range(args.probes)]
        for future in concurrent.futures.as_completed(futures):
            try:
                key = str(future.result())
            except Exception as ex:  # a result, as for the cmdlet: count it, go on
                key = type(ex).__name__
            counts[key] = counts.get(key, 0) + 1
    return time.perf_counter() - clock, counts


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=25)
    parser.add_argument("--probes", type=int, default=200)
    parser.add_argument("--threads", type=int, default=32)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=30)
    parser.add_argument("--sender", default="relay-probe@example.net")
    parser.add_argument("--to", default="relay-probe@example.com")
    args = parser.parse_args()

    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE

    seconds = []
    cpu = []
    counts = {}
    for _ in range(args.runs):
        before = sum(os.times()[:2])
        elapsed, counts = run(args, context)
        seconds.append(elapsed)
        cpu.append(sum(os.times()[:2]) - before)
    json.dump({"seconds": seconds, "cpu": cpu, "replies": counts, "process": time.perf_counter() - START}, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()

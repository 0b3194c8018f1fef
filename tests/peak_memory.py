"""Run a command and write its peak memory (MB) to the file named by $PEAK_MEMORY_FILE.

Linux carries a process's high-water mark across exec, so a command started
straight from a big pytest worker reports the worker's memory as its own.
Started from this small interpreter instead, the peak is the command's
(plus this interpreter's few MB).
"""

import os
import subprocess
import sys

proc = subprocess.Popen(sys.argv[1:])
_, status, usage = os.wait4(proc.pid, 0)
with open(os.environ["PEAK_MEMORY_FILE"], "w") as out:
    out.write(str(usage.ru_maxrss / 1024))
sys.exit(os.waitstatus_to_exitcode(status) & 0xFF)

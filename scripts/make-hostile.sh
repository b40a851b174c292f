#!/usr/bin/env bash
# make-hostile.sh DIR — makes the big or special hostile inputs in DIR (see fixtures/hostile/README.md).
set -euo pipefail
dir=${1:?usage: make-hostile.sh DIR}
mkdir -p "$dir"
header='Област;Община;Вид на услугата;Наименование на услугата;Капацитет'
# A 100 MB single field (quoted, no line break) between two good rows.
{ echo "$header"; echo 'Русе;Русе;ЦОП;ЦОП 1;30'; printf 'Русе;Русе;ЦОП;"'
  head -c 100000000 /dev/zero | tr '\0' 'x'; printf '";30\n'; echo 'Русе;Русе;ЦОП;ЦОП 2;40'; } > "$dir/big-field.csv"
# 100,000 columns in the header and in one row: a register's five columns, then 99,995 more.
python3 - "$dir/wide-100000-columns.csv" <<'PY'
import sys
with open(sys.argv[1], "w", encoding="utf-8") as out:
    out.write("Област;Община;Вид на услугата;Наименование на услугата;Капацитет;")
    out.write(";".join(f"к{i}" for i in range(5, 100_000)) + "\n")
    out.write("Русе;Русе;ЦОП;ЦОП 1;30;" + ";".join(str(i) for i in range(5, 100_000)) + "\n")
PY
# XML nested 100,000 levels deep.
python3 - "$dir/deep-nesting.xml" <<'PY'
import sys
depth = 100_000
with open(sys.argv[1], "w", encoding="utf-8") as out:
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n<НационалнаКарта>' + "<а>" * depth + "</а>" * depth + "</НационалнаКарта>\n")
PY
rm -f "$dir/loop-a.csv" "$dir/loop-b.csv" "$dir/fifo.csv"
ln -s loop-b.csv "$dir/loop-a.csv"; ln -s loop-a.csv "$dir/loop-b.csv"
mkdir -p "$dir/directory.csv"
mkfifo "$dir/fifo.csv"
echo "make-hostile: wrote big-field.csv, wide-100000-columns.csv, deep-nesting.xml, loop-a.csv, loop-b.csv, directory.csv/, fifo.csv in $dir" >&2

#!/usr/bin/env python3
"""Writes the small CSV fixtures of fixtures/csv/ that look like real municipal exports.

Run from anywhere: python3 scripts/gen-csv-fixtures.py. The files are committed; this script
documents exactly which bytes they hold (encodings, line endings, broken lines).
"""
import pathlib

out = pathlib.Path(__file__).resolve().parent.parent / "fixtures" / "csv"
out.mkdir(parents=True, exist_ok=True)

HEADER = ["Област", "Община", "Вид на услугата", "Наименование на услугата", "Целева група",
          "Капацитет", "Брой потребители", "Финансиране", "Доставчик", "ЕКАТТЕ", "Дата"]

ROWS = [
    ["Стара Загора", "Стара Загора", "Резидентна грижа",
     "Център за настаняване от семеен тип за деца без увреждания", "деца без увреждания",
     "14", "12", "държавно делегирана дейност", "Община Стара Загора", "68850", "31.12.2025"],
    ["Стара Загора", "Казанлък", "Дневна грижа", "Дневен център за пълнолетни лица с увреждания",
     "пълнолетни лица с увреждания", "30", "28", "държавно делегирана дейност",
     'Сдружение "Подкрепа"', "35167", "31.12.2025"],
    ["Стара Загора", "Стара Загора", "Асистентска подкрепа", "Асистентска подкрепа",
     "възрастни хора и лица с увреждания", "1 200", "1 150", "местна дейност",
     "Община Стара Загора", "68850", "31.12.2025"],
    ["Стара Загора", "Казанлък", "Информиране и консултиране", "Център за обществена подкрепа",
     "деца и семейства", "12,5", "40", "държавно делегирана дейност; проект",
     "Община Казанлък", "35167", "31.12.2025"],
]
TOTALS = ["Общо", "", "", "", "", "1 256,5", "1 230", "", "", "", ""]


def quote(field, delimiter):
    if any(c in field for c in (delimiter, '"', "\n", "\r")):
        return '"' + field.replace('"', '""') + '"'
    return field


def line(fields, delimiter=";"):
    return delimiter.join(quote(f, delimiter) for f in fields)


def write(name, text, encoding="utf-8", newline="\n"):
    data = text.replace("\n", newline).encode(encoding)
    (out / name).write_bytes(data)


# 1. Windows-1251, `;`, CRLF, two title lines, an Excel blank row, header on line 4, totals row.
write("cp1251-semicolon-title-rows.csv",
      "Община Стара Загора" + ";" * 10 + "\n"
      + "Регистър на социалните услуги към 31.12.2025" + ";" * 10 + "\n"
      + ";" * 10 + "\n"
      + line(HEADER) + "\n"
      + "".join(line(r) + "\n" for r in ROWS)
      + line(TOTALS) + "\n",
      encoding="cp1251", newline="\r\n")

# 2. UTF-8 with BOM, `,`, CRLF, header on line 1 (Excel "CSV UTF-8").
write("utf8-bom-crlf.csv",
      "\ufeff" + line(HEADER, ",") + "\n" + "".join(line(r, ",") + "\n" for r in ROWS),
      newline="\r\n")

# 3. Quoted fields with embedded delimiters, a newline, doubled quotes, kept blanks; empty lines.
write("quoted-embedded-newlines.csv",
      "Община;Наименование на услугата;Бележка;Капацитет\n"
      '"Стара Загора";"Център за настаняване от семеен тип; за деца";"ред 1\nред 2";14\n'
      "\n"
      'Казанлък;"Сдружение ""Подкрепа""";"  с интервали  ";30\n'
      "\n\n"
      "Павел баня; Дневен център ;;12\n")

# 4. The last record opens a quote that is never closed (a truncated export).
write("truncated-final-line.csv",
      "Община;Наименование на услугата;Капацитет\n"
      "Стара Загора;Асистентска подкрепа;1 200\n"
      "Казанлък;Център за обществена подкрепа;40\n"
      'Гурково;"Дневен център за деца;1')

# 5. Records with too few and too many fields, and Excel's trailing empty extras (accepted).
write("mixed-record-lengths.csv",
      "Община;Наименование на услугата;Капацитет\n"
      "Стара Загора;Асистентска подкрепа;1 200\n"
      "Казанлък;Център за обществена подкрепа\n"
      "Мъглиж;Дневен център;20;излишно поле\n"
      "Братя Даскалови;Център за обществена подкрепа;15;;\n"
      "Чирпан;Дневен център за възрастни хора;25\n")

# 6. A stray quote in an unquoted field (strict mode) in the middle of good rows.
write("bad-quote-mid-file.csv",
      "Община;Наименование на услугата;Капацитет\n"
      "Стара Загора;Асистентска подкрепа;1 200\n"
      'Казанлък;Център "Надежда";40\n'
      'Мъглиж;"Дневен център" за деца;20\n'
      "Чирпан;Дневен център за възрастни хора;25\n")

# 7. Excel "Unicode text": UTF-16LE with BOM, TAB, CRLF.
write("utf16le-bom-tab.csv",
      "\ufeff" + line(HEADER, "\t") + "\n" + "".join(line(r, "\t") + "\n" for r in ROWS[:2]),
      encoding="utf-16-le", newline="\r\n")

# 8. UTF-16BE with BOM, `;`, LF.
write("utf16be-bom-semicolon.csv",
      "\ufeff" + line(HEADER[:4]) + "\n" + "".join(line(r[:4]) + "\n" for r in ROWS[2:]),
      encoding="utf-16-be")

# 9. A spreadsheet saved without converting: zip magic, NUL bytes, random-looking bytes.
(out / "binary-garbage.csv").write_bytes(
    b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00" + bytes((i * 37 + 11) % 256 for i in range(400)))

# 10. Empty, header only, KOI8-R (not Windows-1251), pipe-separated with a `|`.
(out / "empty.csv").write_bytes(b"")
write("header-only.csv", line(HEADER) + "\n", encoding="cp1251", newline="\r\n")
write("koi8r-not-cp1251.csv",
      line(HEADER) + "\n" + "".join(line(r) + "\n" for r in ROWS), encoding="koi8-r")
write("pipe-cr-line-endings.csv",
      line(HEADER[:4], "|") + "\n" + "".join(line(r[:4], "|") + "\n" for r in ROWS), newline="\r")

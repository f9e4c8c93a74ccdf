/* expat alone: the floor under .xlsx validation. Parses a sheet's XML (extracted from the workbook) in 64 KiB chunks
 * with empty element and text callbacks, namespace processing on or off (as ctbulk's XMLStream), one parser on one
 * core, and prints the time.
 *
 *   python3 -c "import zipfile,sys; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read('xl/worksheets/sheet1.xml'))" \
 *       /tmp/ctbulk-bench-xlsx/job-200000.xlsx > /tmp/sheet1.xml
 *   gcc -O2 -o /tmp/expat-floor scripts/expat-floor.c -lexpat && /tmp/expat-floor /tmp/sheet1.xml 200000
 */
#include <expat.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static long elements, characters;
static void XMLCALL start(void *data, const XML_Char *name, const XML_Char **attributes) {
  (void)data; (void)name; (void)attributes; elements++;
}
static void XMLCALL end(void *data, const XML_Char *name) { (void)data; (void)name; }
static void XMLCALL text(void *data, const XML_Char *s, int length) { (void)data; (void)s; characters += length; }

static double parse(const char *buffer, long size, int namespaces) {
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  XML_Parser parser = namespaces ? XML_ParserCreateNS(NULL, '|') : XML_ParserCreate(NULL);
  XML_SetElementHandler(parser, start, end);
  XML_SetCharacterDataHandler(parser, text);
  for (long offset = 0; offset < size; offset += 65536) {
    long n = size - offset < 65536 ? size - offset : 65536;
    if (XML_Parse(parser, buffer + offset, (int)n, offset + n >= size) != XML_STATUS_OK) {
      fprintf(stderr, "%s\n", XML_ErrorString(XML_GetErrorCode(parser)));
      exit(1);
    }
  }
  XML_ParserFree(parser);
  clock_gettime(CLOCK_MONOTONIC, &t1);
  return (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
}

int main(int argc, char **argv) {
  if (argc < 3) { fprintf(stderr, "usage: expat-floor SHEET.xml ROWS\n"); return 2; }
  FILE *file = fopen(argv[1], "rb");
  if (!file) { perror(argv[1]); return 1; }
  fseek(file, 0, SEEK_END);
  long size = ftell(file);
  fseek(file, 0, SEEK_SET);
  char *buffer = malloc((size_t)size);
  if (fread(buffer, 1, (size_t)size, file) != (size_t)size) return 1;
  fclose(file);
  double rows = atof(argv[2]);
  for (int round = 0; round < 3; round++) {
    for (int namespaces = 1; namespaces >= 0; namespaces--) {
      double seconds = parse(buffer, size, namespaces);
      printf("namespaces %-3s %.3f s  %5.1f MB/s  %8.0f rows/s\n", namespaces ? "on" : "off", seconds,
             (double)size / seconds / 1e6, rows / seconds);
    }
  }
  return 0;
}

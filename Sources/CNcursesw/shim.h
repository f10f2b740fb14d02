// SwiftPM drops the -D flags of ncursesw.pc, so turn on the wide-character API here.
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// Swift 6 rejects the mutable C globals; reach them through accessors.
static inline WINDOW *nc_stdscr(void) { return stdscr; }
static inline int nc_cols(void) { return COLS; }
static inline int nc_lines(void) { return LINES; }
static inline int nc_colors(void) { return COLORS; }
static inline int nc_color_pairs(void) { return COLOR_PAIRS; }
static inline int nc_wcwidth(wchar_t c) { return wcwidth(c); }

// Attribute and colour-pair macros are not importable into Swift.
static inline attr_t nc_a_normal(void) { return A_NORMAL; }
static inline attr_t nc_a_bold(void) { return A_BOLD; }
static inline attr_t nc_a_dim(void) { return A_DIM; }
static inline attr_t nc_a_reverse(void) { return A_REVERSE; }
static inline attr_t nc_a_underline(void) { return A_UNDERLINE; }
static inline int nc_key_code_yes(void) { return KEY_CODE_YES; }

// Draws one cell: a spacing character plus up to four combining ones.
static inline int nc_put_cell(int y, int x, const wchar_t *wch, attr_t attrs, short pair) {
    cchar_t cc;
    if (setcchar(&cc, wch, attrs, pair, NULL) != OK) return ERR;
    return mvwadd_wch(stdscr, y, x, &cc);
}

// Reads one key; returns ERR, OK (character in *ch) or KEY_CODE_YES (function key in *ch).
static inline int nc_get_key(wint_t *ch) { return wget_wch(stdscr, ch); }

// The terminal's real size (after SIGWINCH), from the kernel.
#include <sys/ioctl.h>
#include <unistd.h>
static inline int nc_tty_size(int *rows, int *cols) {
    struct winsize ws;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) != 0 || ws.ws_row == 0) return -1;
    *rows = ws.ws_row;
    *cols = ws.ws_col;
    return 0;
}

// Starts curses on the process's terminal; NULL when TERM is unknown (initscr would exit).
#include <stdio.h>
static inline SCREEN *nc_newterm(const char *term) { return newterm(term, stdout, stdin); }
static inline const char *nc_codeset(void) { return nl_langinfo(CODESET); }

// A screen writing into a file (the benchmark counts the bytes a frame costs).
static inline SCREEN *nc_newterm_file(const char *term, const char *outPath) {
    FILE *out = fopen(outPath, "w");
    FILE *in = fopen("/dev/null", "r");
    if (!out || !in) return NULL;
    return newterm(term, out, in);
}

/* Not curses: glibc's allocator, tuned for a process that holds 50,000 channels (see
   Sources/HubTUI/Backend/MemoryTuning.swift). No-ops elsewhere. */
#ifdef __GLIBC__
#include <malloc.h>
/* One arena (Swift's worker threads otherwise get one each, with their own free memory), and
   big blocks (sorted ID lists, table storage) straight from mmap so they go back when freed. */
static inline void nc_malloc_tune(void) { mallopt(M_ARENA_MAX, 1); mallopt(M_MMAP_THRESHOLD, 256 * 1024); }
/* Hands free pages back to the system. */
static inline void nc_malloc_trim(void) { malloc_trim(0); }
/* Bytes malloc has handed out and not got back (RSS also counts freed memory still mapped). */
static inline size_t nc_heap_in_use(void) { return mallinfo2().uordblks; }
#else
static inline void nc_malloc_tune(void) {}
static inline void nc_malloc_trim(void) {}
static inline size_t nc_heap_in_use(void) { return 0; }
#endif

/* Writes a control sequence to the terminal curses draws on (bracketed paste on and off). */
static inline void nc_write_raw(const char *seq) { fputs(seq, stdout); fflush(stdout); }

/* The mouse is read without ncurses' decoder (partnerhub asks the terminal for SGR reports
   itself and parses them): only KEY_MOUSE's code is needed, for when the terminfo entry's kmous
   (\E[< in xterm-256color) makes ncurses take the report's first bytes. */
static inline int nc_key_mouse(void) { return KEY_MOUSE; }

/* Mouse reports and bracketed paste off, with write(2) only: safe in a crash's signal handler. */
static inline void nc_modes_off(void) {
    static const char s[] = "\033[?1006l\033[?1000l\033[?2004l";
    (void)!write(STDOUT_FILENO, s, sizeof s - 1);
}

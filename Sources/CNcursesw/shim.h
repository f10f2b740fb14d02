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

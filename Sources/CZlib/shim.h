#ifndef DISTILLSCOPE_CZLIB_SHIM_H
#define DISTILLSCOPE_CZLIB_SHIM_H
#include <zlib.h>

/// `inflateInit2` is a macro in zlib.h; Swift cannot call macros, so wrap it.
static inline int ds_inflateInit2(z_streamp strm, int windowBits) {
    return inflateInit2(strm, windowBits);
}
#endif

// Kernels of the wasm training step that tfjs-backend-wasm runs slowly, in C with 128-bit SIMD, built by
// build.ts with Debian's clang and lld (wasm32 target). The module imports the wasm backend's own memory
// and works on tensors where they lie, at the byte offsets the TypeScript side passes, so nothing is copied.
//
// Because the memory is the backend's, this module must own nothing in it: no static data (a data segment
// would be written over the backend's heap at instantiation) and no stack frame (its stack pointer would
// point into the backend's heap). build.ts checks the built module has neither. So: only arguments, locals
// that live in registers, and constants that compile to v128.const immediates.
#include <wasm_simd128.h>

#define EXPORT(name) __attribute__((export_name(#name))) __attribute__((used))
typedef __SIZE_TYPE__ size_t;

static inline v128_t splat(float v) { return wasm_f32x4_splat(v); }
static inline v128_t add(v128_t a, v128_t b) { return wasm_f32x4_add(a, b); }
static inline v128_t sub(v128_t a, v128_t b) { return wasm_f32x4_sub(a, b); }
static inline v128_t mul(v128_t a, v128_t b) { return wasm_f32x4_mul(a, b); }

// tanh(x) = x·P(x²)/Q(x²) on |x| <= 9, P and Q of degree 4 (Q(0) = 1), fitted here to tanh's relative
// error by reweighted least squares: below 3.1e-7 in float arithmetic over the range. Beyond 9 tanh is 1 to
// within 3e-8 (±1 in float). The form is odd in x, so −0 stays −0, and min/max keep NaN a NaN. One
// division and 23 other operations a vector, against 34 for the e^x route this replaced.
static inline v128_t tanh4(v128_t x) {
  v128_t c = wasm_f32x4_max(wasm_f32x4_min(x, splat(9.0f)), splat(-9.0f));
  v128_t z = mul(c, c);
  v128_t p = splat(1.3353793293369165e-08f);
  p = add(mul(p, z), splat(2.0608350249386002e-05f));
  p = add(mul(p, z), splat(0.0034955388003309685f));
  p = add(mul(p, z), splat(0.13380982531730948f));
  p = add(mul(p, z), splat(0.9999999794451077f));
  v128_t q = splat(7.77617242785078e-07f);
  q = add(mul(q, z), splat(0.00032855575758508886f));
  q = add(mul(q, z), splat(0.025876789567343832f));
  q = add(mul(q, z), splat(0.4671429810016599f));
  q = add(mul(q, z), splat(1.0f));
  v128_t r = wasm_f32x4_div(mul(c, p), q);
  // Past 9 tanh rounds to ±1 in float, which the fit misses by an ulp: say ±1 there (Infinity included).
  v128_t one = wasm_v128_or(splat(1.0f), wasm_v128_and(x, wasm_i32x4_splat((int)0x80000000)));
  return wasm_v128_bitselect(one, r, wasm_f32x4_gt(wasm_f32x4_abs(x), splat(9.0f)));
}

// y = tanh(x) for n floats. A tail of fewer than 4 goes one lane at a time (splat, then lane 0), which
// needs no stack.
EXPORT(tanh_f32) void tanh_f32(const float *x, float *y, size_t n) {
  size_t i = 0;
  for (; i + 4 <= n; i += 4) wasm_v128_store(y + i, tanh4(wasm_v128_load(x + i)));
  for (; i < n; i++) y[i] = wasm_f32x4_extract_lane(tanh4(splat(x[i])), 0);
}

// dx = dy · (1 − y²), tanh's gradient from its output, in one pass instead of tfjs's Square, Sub and Mul.
EXPORT(tanh_grad_f32) void tanh_grad_f32(const float *y, const float *dy, float *dx, size_t n) {
  size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    v128_t v = wasm_v128_load(y + i);
    wasm_v128_store(dx + i, mul(wasm_v128_load(dy + i), sub(splat(1.0f), mul(v, v))));
  }
  for (; i < n; i++) dx[i] = dy[i] * (1.0f - y[i] * y[i]);
}

// One Adam step for one weight tensor, the arithmetic of tfjs's AdamOptimizer in its order, into new
// buffers (the old ones stay valid: the divergence guard keeps the previous weights by reference):
//   m' = β1·m + (1−β1)·g          v' = β2·v + (1−β2)·g²
//   x' = x − lr · (m'/c1) / (sqrt(v'/c2) + ε)      with c1 = 1 − β1^t, c2 = 1 − β2^t
EXPORT(adam_f32)
void adam_f32(const float *x, const float *g, const float *m, const float *v, float *x2, float *m2, float *v2, size_t n,
              float lr, float beta1, float beta2, float eps, float c1, float c2) {
  v128_t b1 = splat(beta1), b2 = splat(beta2), ob1 = splat(1.0f - beta1), ob2 = splat(1.0f - beta2);
  v128_t vc1 = splat(c1), vc2 = splat(c2), veps = splat(eps), vlr = splat(-lr);
  size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    v128_t gi = wasm_v128_load(g + i);
    v128_t mi = add(mul(wasm_v128_load(m + i), b1), mul(gi, ob1));
    v128_t vi = add(mul(wasm_v128_load(v + i), b2), mul(mul(gi, gi), ob2));
    v128_t step = wasm_f32x4_div(wasm_f32x4_div(mi, vc1), add(wasm_f32x4_sqrt(wasm_f32x4_div(vi, vc2)), veps));
    wasm_v128_store(m2 + i, mi);
    wasm_v128_store(v2 + i, vi);
    wasm_v128_store(x2 + i, add(mul(step, vlr), wasm_v128_load(x + i)));
  }
  for (; i < n; i++) {
    float gi = g[i];
    float mi = m[i] * beta1 + gi * (1.0f - beta1);
    float vi = v[i] * beta2 + gi * gi * (1.0f - beta2);
    m2[i] = mi;
    v2[i] = vi;
    x2[i] = (mi / c1) / (__builtin_sqrtf(vi / c2) + eps) * -lr + x[i];
  }
}

// ---- Pooling (NHWC, channels innermost). The cpu backend's semantics: the average divides by the window's
// in-bounds size, its gradient by the full window size (the two agree for 'valid' padding).

static inline int imax(int a, int b) { return a > b ? a : b; }
static inline int imin(int a, int b) { return a < b ? a : b; }

// n floats set to 0: clang makes the loop one memory.fill (bulk memory), so there is no library memset.
static inline void zero_f32(float *p, size_t n) {
  for (size_t i = 0; i < n; i++) p[i] = 0.0f;
}

// All bits set in the lanes first…3, none below: for the last vector of a row of c channels that starts at
// c − 4 and overlaps the one before it, whose first lanes are already done.
static inline v128_t lanes_from(int first) { return wasm_i32x4_gt(wasm_i32x4_make(0, 1, 2, 3), wasm_i32x4_splat(first - 1)); }

// The models' pooling: 2×2 windows, stride 2, no padding, at least 4 channels. Straight-line code for it:
// the general loops below spend most of their time on window bounds for windows this small.
// (Every window inside the image: not so for 'same' on an odd size, where the last one hangs over.)
static inline int is_2x2_stride_2(int inH, int inW, int c, int outH, int outW, int strideH, int strideW, int filterH, int filterW, int padTop,
                                  int padLeft) {
  return c >= 4 && strideH == 2 && strideW == 2 && filterH == 2 && filterW == 2 && padTop == 0 && padLeft == 0 && 2 * outH <= inH &&
         2 * outW <= inW;
}

static void avg_pool_2x2(const float *x, float *y, int batch, int inH, int inW, int c, int outH, int outW) {
  const int row = inW * c;
  const v128_t quarter = splat(0.25f);
  for (int b = 0; b < batch; b++)
    for (int oh = 0; oh < outH; oh++) {
      const float *x0 = x + ((size_t)b * inH + 2 * oh) * row, *x1 = x0 + row;
      for (int ow = 0; ow < outW; ow++, y += c) {
        const float *p0 = x0 + 2 * ow * c, *p1 = x1 + 2 * ow * c;
        for (int ch = 0; ch < c; ch += 4) {
          if (ch + 4 > c) ch = c - 4; // the last vector overlaps the one before
          v128_t s = add(add(wasm_v128_load(p0 + ch), wasm_v128_load(p0 + c + ch)), add(wasm_v128_load(p1 + ch), wasm_v128_load(p1 + c + ch)));
          wasm_v128_store(y + ch, mul(s, quarter));
        }
      }
    }
}

EXPORT(avg_pool_f32)
void avg_pool_f32(const float *x, float *y, int batch, int inH, int inW, int c, int outH, int outW, int strideH, int strideW,
                  int filterH, int filterW, int padTop, int padLeft) {
  if (is_2x2_stride_2(inH, inW, c, outH, outW, strideH, strideW, filterH, filterW, padTop, padLeft)) {
    avg_pool_2x2(x, y, batch, inH, inW, c, outH, outW);
    return;
  }
  const int row = inW * c;
  for (int b = 0; b < batch; b++) {
    const float *xb = x + (size_t)b * inH * row;
    for (int oh = 0; oh < outH; oh++) {
      int h0 = oh * strideH - padTop, hMin = imax(0, h0), hMax = imin(inH, h0 + filterH);
      for (int ow = 0; ow < outW; ow++, y += c) {
        int w0 = ow * strideW - padLeft, wMin = imax(0, w0), wMax = imin(inW, w0 + filterW);
        int count = (hMax - hMin) * (wMax - wMin);
        float scale = 1.0f / (float)(count > 0 ? count : 1);
        int ch = 0;
        // With c >= 4 the last vector starts at c − 4, overlapping the one before (its lanes get the same
        // values twice) instead of leaving up to three channels to scalar code.
        for (; ch < c && c >= 4; ch += 4) {
          if (ch + 4 > c) ch = c - 4;
          v128_t acc = splat(0.0f);
          for (int h = hMin; h < hMax; h++)
            for (int w = wMin; w < wMax; w++) acc = add(acc, wasm_v128_load(xb + h * row + w * c + ch));
          wasm_v128_store(y + ch, mul(acc, splat(scale)));
        }
        for (; ch < c; ch++) {
          float acc = 0.0f;
          for (int h = hMin; h < hMax; h++)
            for (int w = wMin; w < wMax; w++) acc += xb[h * row + w * c + ch];
          y[ch] = acc * scale;
        }
      }
    }
  }
}

// Its gradient: each window gets a quarter of its dy, written, not added (the windows do not overlap);
// a last row or column that no window covered (odd sizes) gets 0.
static void avg_pool_grad_2x2(const float *dy, float *dx, int batch, int inH, int inW, int c, int outH, int outW) {
  const int row = inW * c;
  const v128_t quarter = splat(0.25f);
  for (int b = 0; b < batch; b++) {
    float *db = dx + (size_t)b * inH * row;
    for (int oh = 0; oh < outH; oh++) {
      float *r0 = db + (size_t)(2 * oh) * row, *r1 = r0 + row;
      for (int ow = 0; ow < outW; ow++, dy += c) {
        float *p0 = r0 + 2 * ow * c, *p1 = r1 + 2 * ow * c;
        for (int ch = 0; ch < c; ch += 4) {
          if (ch + 4 > c) ch = c - 4; // overlapping: the same values again, so writing twice is harmless
          v128_t g = mul(wasm_v128_load(dy + ch), quarter);
          wasm_v128_store(p0 + ch, g);
          wasm_v128_store(p0 + c + ch, g);
          wasm_v128_store(p1 + ch, g);
          wasm_v128_store(p1 + c + ch, g);
        }
      }
      for (int i = 2 * outW * c; i < row; i++) r0[i] = r1[i] = 0.0f;
    }
    for (size_t i = (size_t)(2 * outH) * row; i < (size_t)inH * row; i++) db[i] = 0.0f;
  }
}

EXPORT(avg_pool_grad_f32)
void avg_pool_grad_f32(const float *dy, float *dx, int batch, int inH, int inW, int c, int outH, int outW, int strideH, int strideW,
                       int filterH, int filterW, int padTop, int padLeft) {
  if (is_2x2_stride_2(inH, inW, c, outH, outW, strideH, strideW, filterH, filterW, padTop, padLeft)) {
    avg_pool_grad_2x2(dy, dx, batch, inH, inW, c, outH, outW);
    return;
  }
  const int row = inW * c;
  const size_t total = (size_t)batch * inH * row;
  zero_f32(dx, total);
  const float scale = 1.0f / (float)(filterH * filterW);
  for (int b = 0; b < batch; b++) {
    float *db = dx + (size_t)b * inH * row;
    for (int oh = 0; oh < outH; oh++) {
      int h0 = oh * strideH - padTop, hMin = imax(0, h0), hMax = imin(inH, h0 + filterH);
      for (int ow = 0; ow < outW; ow++, dy += c) {
        int w0 = ow * strideW - padLeft, wMin = imax(0, w0), wMax = imin(inW, w0 + filterW);
        int ch = 0;
        // As in the forward pass, the last vector overlaps the one before; the gradient is added, so the
        // lanes already done get 0 (added to a sum, 0 changes nothing).
        for (; ch < c && c >= 4; ch += 4) {
          v128_t keep = wasm_i32x4_splat(-1);
          if (ch + 4 > c) {
            keep = lanes_from(ch + 4 - c);
            ch = c - 4;
          }
          v128_t g = wasm_v128_and(mul(wasm_v128_load(dy + ch), splat(scale)), keep);
          for (int h = hMin; h < hMax; h++)
            for (int w = wMin; w < wMax; w++) {
              float *p = db + h * row + w * c + ch;
              wasm_v128_store(p, add(wasm_v128_load(p), g));
            }
        }
        for (; ch < c; ch++) {
          float g = dy[ch] * scale;
          for (int h = hMin; h < hMax; h++)
            for (int w = wMin; w < wMax; w++) db[h * row + w * c + ch] += g;
        }
      }
    }
  }
}

// Max pooling's gradient, any window, stride and padding: each window's dy goes to its first maximum in
// row-major order (the cpu backend's rule: a position wins only by being greater, so an all-NaN window
// passes nothing). Over 4 channels at a time the winner is found as a position index per lane, then dy is
// added, masked by lane, at every position of the window (windows may overlap).
EXPORT(max_pool_grad_f32)
void max_pool_grad_f32(const float *dy, const float *x, float *dx, int batch, int inH, int inW, int c, int outH, int outW, int strideH,
                       int strideW, int filterH, int filterW, int padTop, int padLeft) {
  const int row = inW * c;
  const size_t total = (size_t)batch * inH * row;
  zero_f32(dx, total);
  for (int b = 0; b < batch; b++) {
    const float *xb = x + (size_t)b * inH * row;
    float *db = dx + (size_t)b * inH * row;
    for (int oh = 0; oh < outH; oh++) {
      int h0 = oh * strideH - padTop, hMin = imax(0, h0), hMax = imin(inH, h0 + filterH);
      for (int ow = 0; ow < outW; ow++, dy += c) {
        int w0 = ow * strideW - padLeft, wMin = imax(0, w0), wMax = imin(inW, w0 + filterW);
        int ch = 0;
        for (; ch < c && c >= 4; ch += 4) {
          v128_t keep = wasm_i32x4_splat(-1);
          if (ch + 4 > c) {
            // The last vector overlaps the one before; its lanes already done get no gradient.
            keep = lanes_from(ch + 4 - c);
            ch = c - 4;
          }
          v128_t best = splat(-__builtin_inff()), at = wasm_i32x4_splat(-1);
          int k = 0;
          for (int h = hMin; h < hMax; h++)
            for (int w = wMin; w < wMax; w++, k++) {
              v128_t v = wasm_v128_load(xb + h * row + w * c + ch);
              v128_t greater = wasm_f32x4_gt(v, best);
              best = wasm_v128_bitselect(v, best, greater);
              at = wasm_v128_bitselect(wasm_i32x4_splat(k), at, greater);
            }
          v128_t g = wasm_v128_and(wasm_v128_load(dy + ch), keep);
          k = 0;
          for (int h = hMin; h < hMax; h++)
            for (int w = wMin; w < wMax; w++, k++) {
              float *p = db + h * row + w * c + ch;
              wasm_v128_store(p, add(wasm_v128_load(p), wasm_v128_and(g, wasm_i32x4_eq(at, wasm_i32x4_splat(k)))));
            }
        }
        for (; ch < c; ch++) {
          float best = -__builtin_inff();
          int at = -1;
          for (int h = hMin; h < hMax; h++)
            for (int w = wMin; w < wMax; w++) {
              float v = xb[h * row + w * c + ch];
              if (v > best) best = v, at = h * row + w * c + ch;
            }
          if (at >= 0) db[at] += dy[ch];
        }
      }
    }
  }
}

// ---- Bias: y = x + b over rows of c (a layer's bias add), and its gradient, the sum of the rows.

EXPORT(bias_add_f32) void bias_add_f32(const float *x, const float *bias, float *y, size_t rows, int c) {
  for (size_t r = 0; r < rows; r++, x += c, y += c) {
    int ch = 0;
    // The last vector overlaps the one before (y is never x here), as in the pooling above.
    for (; ch < c && c >= 4; ch += 4) {
      if (ch + 4 > c) ch = c - 4;
      wasm_v128_store(y + ch, add(wasm_v128_load(x + ch), wasm_v128_load(bias + ch)));
    }
    for (; ch < c; ch++) y[ch] = x[ch] + bias[ch];
  }
}

// out[j] = Σ_r x[r·c + j]: blocks of 64 rows summed in float32, the blocks' sums in float64, so a bias
// gradient over 50,000 positions stays as exact as the cpu backend's (which sums in double).
#define SUM_BLOCK 64
EXPORT(sum_rows_f32) void sum_rows_f32(const float *x, float *out, size_t rows, int c) {
  int ch = 0;
  for (; ch + 4 <= c; ch += 4) {
    v128_t lo = wasm_f64x2_splat(0.0), hi = wasm_f64x2_splat(0.0);
    for (size_t r0 = 0; r0 < rows; r0 += SUM_BLOCK) {
      size_t r1 = r0 + SUM_BLOCK < rows ? r0 + SUM_BLOCK : rows;
      v128_t acc = splat(0.0f);
      for (size_t r = r0; r < r1; r++) acc = add(acc, wasm_v128_load(x + r * c + ch));
      lo = wasm_f64x2_add(lo, wasm_f64x2_promote_low_f32x4(acc));
      hi = wasm_f64x2_add(hi, wasm_f64x2_promote_low_f32x4(wasm_i32x4_shuffle(acc, acc, 2, 3, 0, 1)));
    }
    v128_t lo32 = wasm_f32x4_demote_f64x2_zero(lo), hi32 = wasm_f32x4_demote_f64x2_zero(hi);
    wasm_v128_store(out + ch, wasm_i32x4_shuffle(lo32, hi32, 0, 1, 4, 5));
  }
  for (; ch < c; ch++) {
    double total = 0.0;
    for (size_t r0 = 0; r0 < rows; r0 += SUM_BLOCK) {
      size_t r1 = r0 + SUM_BLOCK < rows ? r0 + SUM_BLOCK : rows;
      float acc = 0.0f;
      for (size_t r = r0; r < r1; r++) acc += x[r * c + ch];
      total += acc;
    }
    out[ch] = (float)total;
  }
}

// ---- Conv2D's gradient with respect to its filter, NHWC, any stride and padding (no dilation: tfjs's
// conv2d gradient has none):
//   dw[kh][kw][ci][co] = Σ_{b,oh,ow} x[b][oh·sh + kh − top][ow·sw + kw − left][ci] · dy[b][oh][ow][co]
// A matrix product with a long inner dimension (every output position) and a small result, so it is
// tiled in registers: a tile is NV vectors of co (4·NV channels) by T consecutive taps kw…kw+T−1, and per
// output position it loads NV dy vectors and T x values and does NV·T vector multiply-adds. NV·T stays
// at 10 or below, so the accumulators and the loaded vectors fit the 16 SIMD registers of an x86-64 or the
// 32 of an arm64. Positions that would read padding are left out: the ow range where all T taps are
// inside the image runs without checks, the few others with them.

// The first o >= 0 with o·s + off >= 0, and the first o with o·s + off > n − 1 (at most outN): [first, end)
// are the outputs whose tap at offset off lies inside an input of n.
static inline int first_inside(int off, int s) { return off >= 0 ? 0 : (-off + s - 1) / s; }
static inline int end_inside(int off, int s, int n, int outN) { return n - 1 - off < 0 ? 0 : imin(outN, (n - 1 - off) / s + 1); }

// r (1..4) consecutive floats, the other lanes 0, without reading past them.
static inline v128_t load_part(const float *p, int r) {
  if (r == 4) return wasm_v128_load(p);
  if (r == 2) return wasm_v128_load64_zero(p);
  if (r == 1) return wasm_v128_load32_zero(p);
  return wasm_v128_load32_lane(p + 2, wasm_v128_load64_zero(p), 2);
}
static inline void store_part(float *p, v128_t v, int r) {
  if (r == 4) { wasm_v128_store(p, v); return; }
  wasm_v128_store32_lane(p, v, 0);
  if (r > 1) wasm_v128_store32_lane(p + 1, v, 1);
  if (r > 2) wasm_v128_store32_lane(p + 2, v, 2);
}

// Channels past co in the last vector come from the next position (or the next row) and are never
// stored; only the very last position in dy could read past the tensor, so that row loads exactly r lanes.
// The tile loops run a constant number of times once inlined; unrolled, the tile's arrays become registers.
#define UNROLL _Pragma("clang loop unroll(full)")
#define FT_MAX_NV 4
#define FT_MAX_T 5

// A vector of dy at p: all 4 lanes, or exactly r where reading past them could leave the tensor.
static inline v128_t dy_vector(const float *p, int exact, int r) { return exact ? load_part(p, r) : wasm_v128_load(p); }

static inline __attribute__((always_inline)) void filter_row(const int NV, const int T, const int exact, v128_t acc[FT_MAX_NV][FT_MAX_T],
                                                              const float *xr, const float *dr, int ci, int co, int sw, int inW, int outW,
                                                              int kwl, int owA, int owB, int r) {
  for (int ow = owA; ow < owB; ow++) {
    v128_t g[FT_MAX_NV];
    UNROLL for (int v = 0; v < NV; v++) g[v] = dy_vector(dr + ow * co + 4 * v, exact && v == NV - 1, r);
    const float *xp = xr + (ow * sw + kwl) * ci;
    UNROLL for (int t = 0; t < T; t++) {
      v128_t xv = wasm_v128_load32_splat(xp + t * ci);
      UNROLL for (int v = 0; v < NV; v++) acc[v][t] = add(acc[v][t], mul(xv, g[v]));
    }
  }
  // The edge positions, where some of the taps fall on padding.
  for (int ow = 0; ow < outW; ow++) {
    if (ow == owA) ow = owB;
    if (ow >= outW) break;
    v128_t g[FT_MAX_NV];
    UNROLL for (int v = 0; v < NV; v++) g[v] = dy_vector(dr + ow * co + 4 * v, exact && v == NV - 1, r);
    int iw = ow * sw + kwl;
    UNROLL for (int t = 0; t < T; t++) {
      if (iw + t >= 0 && iw + t < inW) {
        v128_t xv = wasm_v128_load32_splat(xr + (iw + t) * ci);
        UNROLL for (int v = 0; v < NV; v++) acc[v][t] = add(acc[v][t], mul(xv, g[v]));
      }
    }
  }
}

static inline __attribute__((always_inline)) void filter_tile(const int NV, const int T, const float *x, const float *dy, float *dwRow, int batch,
                                                               int inH, int inW, int ci, int outH, int outW, int co, int sh, int sw, int kh,
                                                               int kw, int c, int j, int top, int left) {
  v128_t acc[FT_MAX_NV][FT_MAX_T];
  UNROLL for (int v = 0; v < NV; v++)
    UNROLL for (int t = 0; t < T; t++) acc[v][t] = splat(0.0f);
  int r = imin(4, co - j - 4 * (NV - 1)); // channels in the last vector, 1..4
  int ohMin = first_inside(kh - top, sh), ohMax = end_inside(kh - top, sh, inH, outH);
  int owA = first_inside(kw - left, sw), owB = end_inside(kw + T - 1 - left, sw, inW, outW);
  if (owB < owA) owB = owA;
  for (int b = 0; b < batch; b++) {
    for (int oh = ohMin; oh < ohMax; oh++) {
      const float *xr = x + ((size_t)(b * inH + oh * sh + kh - top) * inW) * ci + c;
      const float *dr = dy + ((size_t)(b * outH + oh) * outW) * co + j;
      if (r < 4 && b == batch - 1 && oh == outH - 1)
        filter_row(NV, T, 1, acc, xr, dr, ci, co, sw, inW, outW, kw - left, owA, owB, r);
      else
        filter_row(NV, T, 0, acc, xr, dr, ci, co, sw, inW, outW, kw - left, owA, owB, r);
    }
  }
  UNROLL for (int t = 0; t < T; t++)
    UNROLL for (int v = 0; v < NV; v++) {
      float *out = dwRow + ((size_t)(kw + t) * ci + c) * co + j + 4 * v;
      if (v == NV - 1) store_part(out, acc[v][t], r);
      else wasm_v128_store(out, acc[v][t]);
    }
}

// The largest tap block for NV vectors that keeps NV·T <= 10.
// (1 × 5 would be as good, but clang 14 leaves part of that tile's array on the stack.)
static inline int taps_for(int nv) { return nv == 1 ? 4 : nv == 2 ? 5 : nv == 3 ? 3 : 2; }

// One function per tile shape (not inlined into one big function, where clang would share a single
// stack array among the tiles instead of giving each its registers).
#define FT_PARAMS const float *x, const float *dy, float *dwRow, int batch, int inH, int inW, int ci, int outH, int outW, int co, int sh, int sw, int kh, int kw, int c, int j, int top, int left
#define FT_ARGS x, dy, dwRow, batch, inH, inW, ci, outH, outW, co, sh, sw, kh, kw, c, j, top, left
#define FT_FN(NV, T) \
  static __attribute__((noinline)) void filter_tile_##NV##_##T(FT_PARAMS) { filter_tile(NV, T, FT_ARGS); }
FT_FN(1, 1) FT_FN(1, 2) FT_FN(1, 3) FT_FN(1, 4)
FT_FN(2, 1) FT_FN(2, 2) FT_FN(2, 3) FT_FN(2, 4) FT_FN(2, 5)
FT_FN(3, 1) FT_FN(3, 2) FT_FN(3, 3)
FT_FN(4, 1) FT_FN(4, 2)
#define FT_CASE(NV, T) \
  case NV * 8 + T: filter_tile_##NV##_##T(FT_ARGS); break;

EXPORT(conv2d_backprop_filter_f32)
void conv2d_backprop_filter_f32(const float *x, const float *dy, float *dw, int batch, int inH, int inW, int ci, int outH, int outW,
                                int co, int sh, int sw, int fh, int fw, int top, int left) {
  for (int kh = 0; kh < fh; kh++) {
    float *dwRow = dw + (size_t)kh * fw * ci * co;
    for (int c = 0; c < ci; c++)
      for (int j = 0; j < co; j += 4 * FT_MAX_NV) {
        int nv = imin(FT_MAX_NV, (co - j + 3) / 4);
        for (int kw = 0; kw < fw;) {
          int t = imin(taps_for(nv), fw - kw);
          switch (nv * 8 + t) {
            FT_CASE(1, 1) FT_CASE(1, 2) FT_CASE(1, 3) FT_CASE(1, 4)
            FT_CASE(2, 1) FT_CASE(2, 2) FT_CASE(2, 3) FT_CASE(2, 4) FT_CASE(2, 5)
            FT_CASE(3, 1) FT_CASE(3, 2) FT_CASE(3, 3)
            FT_CASE(4, 1) FT_CASE(4, 2)
          }
          kw += t;
        }
      }
  }
}

// ---- Conv2D's gradient with respect to its input, NHWC, any stride and padding (no dilation):
//   dx[b][oh·sh + kh − top][ow·sw + kw − left][ci] = Σ_{kh,kw,co} dy[b][oh][ow][co] · w[kh][kw][ci][co]
// Each dy position is spread over the taps that land inside the image, so no multiply is spent on padding
// (the backend's way, a convolution of dy padded by the kernel size, spends half its work on zeros for a
// 5×5 kernel on a 14×14 image). wt is the filter laid out as [kh][kw][co][ci4], ci padded with zeros to a
// multiple of 4 (the TypeScript side writes it), so one vector load gives 4 input channels of one tap and
// one output channel. A tile is P consecutive dy positions of a row by NV vectors of input channels, summed
// over co in registers, then added to dx; the last vector of a channel block stores exactly its r lanes.

static inline __attribute__((always_inline)) void input_tile(const int NV, const int P, const float *dyRow, const float *w, float *dxRow, int co,
                                                              int ci, int ci4, int sw, int ow, int iwOff, int r) {
  v128_t acc[FT_MAX_NV][FT_MAX_T];
  UNROLL for (int p = 0; p < P; p++)
    UNROLL for (int v = 0; v < NV; v++) acc[v][p] = splat(0.0f);
  const float *d = dyRow + (size_t)ow * co;
  for (int o = 0; o < co; o++) {
    v128_t wv[FT_MAX_NV];
    UNROLL for (int v = 0; v < NV; v++) wv[v] = wasm_v128_load(w + (size_t)o * ci4 + 4 * v);
    UNROLL for (int p = 0; p < P; p++) {
      v128_t dv = wasm_v128_load32_splat(d + p * co + o);
      UNROLL for (int v = 0; v < NV; v++) acc[v][p] = add(acc[v][p], mul(dv, wv[v]));
    }
  }
  UNROLL for (int p = 0; p < P; p++) {
    float *dst = dxRow + (size_t)((ow + p) * sw + iwOff) * ci;
    UNROLL for (int v = 0; v < NV; v++) {
      if (v == NV - 1 && r < 4) store_part(dst + 4 * v, add(load_part(dst + 4 * v, r), acc[v][p]), r);
      else wasm_v128_store(dst + 4 * v, add(wasm_v128_load(dst + 4 * v), acc[v][p]));
    }
  }
}

#define IT_PARAMS const float *dyRow, const float *w, float *dxRow, int co, int ci, int ci4, int sw, int owA, int owB, int iwOff, int r
#define IT_FN(NV, P) \
  static __attribute__((noinline)) void input_tiles_##NV##_##P(IT_PARAMS) { \
    int ow = owA; \
    for (; ow + P <= owB; ow += P) input_tile(NV, P, dyRow, w, dxRow, co, ci, ci4, sw, ow, iwOff, r); \
    for (; ow < owB; ow++) input_tile(NV, 1, dyRow, w, dxRow, co, ci, ci4, sw, ow, iwOff, r); \
  }
// P positions for NV vectors: NV·P accumulators plus NV filter vectors stay within 16 registers.
IT_FN(1, 4) IT_FN(2, 4) IT_FN(3, 3) IT_FN(4, 2)

EXPORT(conv2d_backprop_input_f32)
void conv2d_backprop_input_f32(const float *dy, const float *wt, float *dx, int batch, int inH, int inW, int ci, int outH, int outW, int co,
                               int sh, int sw, int fh, int fw, int top, int left) {
  int ci4 = (ci + 3) & ~3;
  zero_f32(dx, (size_t)batch * inH * inW * ci);
  for (int b = 0; b < batch; b++)
    for (int oh = 0; oh < outH; oh++) {
      const float *dyRow = dy + ((size_t)(b * outH + oh) * outW) * co;
      for (int kh = 0; kh < fh; kh++) {
        int ih = oh * sh + kh - top;
        if (ih < 0 || ih >= inH) continue;
        float *dxRow = dx + ((size_t)(b * inH + ih) * inW) * ci;
        for (int kw = 0; kw < fw; kw++) {
          int owA = first_inside(kw - left, sw), owB = end_inside(kw - left, sw, inW, outW);
          const float *w = wt + (size_t)(kh * fw + kw) * co * ci4;
          for (int c0 = 0; c0 < ci; c0 += 4 * FT_MAX_NV) {
            int nv = imin(FT_MAX_NV, (ci - c0 + 3) / 4), r = imin(4, ci - c0 - 4 * (nv - 1));
            if (nv == 1) input_tiles_1_4(dyRow, w + c0, dxRow + c0, co, ci, ci4, sw, owA, owB, kw - left, r);
            else if (nv == 2) input_tiles_2_4(dyRow, w + c0, dxRow + c0, co, ci, ci4, sw, owA, owB, kw - left, r);
            else if (nv == 3) input_tiles_3_3(dyRow, w + c0, dxRow + c0, co, ci, ci4, sw, owA, owB, kw - left, r);
            else input_tiles_4_2(dyRow, w + c0, dxRow + c0, co, ci, ci4, sw, owA, owB, kw - left, r);
          }
        }
      }
    }
}

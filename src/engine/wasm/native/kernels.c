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

// e^y for 0 <= y <= 20: y = k·ln 2 + r with |r| <= ln 2 / 2, e^r by its degree-6 Taylor polynomial
// (relative error below 2e-7 there), 2^k put straight into the exponent bits.
static inline v128_t exp4(v128_t y) {
  v128_t k = wasm_f32x4_nearest(mul(y, splat(1.44269504089f)));
  // ln 2 in two parts, so that k·ln2_hi is exact and r keeps its low bits.
  v128_t r = sub(sub(y, mul(k, splat(0.693145751953125f))), mul(k, splat(1.428606765330187e-6f)));
  v128_t p = splat(1.0f / 720);
  p = add(mul(p, r), splat(1.0f / 120));
  p = add(mul(p, r), splat(1.0f / 24));
  p = add(mul(p, r), splat(1.0f / 6));
  p = add(mul(p, r), splat(0.5f));
  p = add(mul(p, r), splat(1.0f));
  p = add(mul(p, r), splat(1.0f));
  v128_t scale = wasm_i32x4_shl(wasm_i32x4_add(wasm_i32x4_trunc_sat_f32x4(k), wasm_i32x4_splat(127)), 23);
  return mul(p, scale);
}

// tanh in two ranges. |x| < 0.625: x + x³·Q(x²), Q least-squares fitted to tanh's relative error
// (below 2e-7 on the range). Beyond: 1 − 2 / (e^{2|x|} + 1) with the sign of x, which has no
// cancellation there (the result is above 0.55); |x| is clamped at 10, where this gives exactly 1
// (at 9 it still rounds to the float below 1).
static inline v128_t tanh4(v128_t x) {
  v128_t ax = wasm_f32x4_abs(x);
  v128_t z = mul(x, x);
  v128_t q = splat(0.015225319191813469f);
  q = add(mul(q, z), splat(-0.05197187140583992f));
  q = add(mul(q, z), splat(0.13308769464492798f));
  q = add(mul(q, z), splat(-0.3333238661289215f));
  v128_t small = add(ax, mul(mul(ax, z), q));
  v128_t e = exp4(mul(wasm_f32x4_min(ax, splat(10.0f)), splat(2.0f)));
  v128_t large = sub(splat(1.0f), wasm_f32x4_div(splat(2.0f), add(e, splat(1.0f))));
  // Both are tanh(|x|) >= 0; the sign bit of x makes them tanh(x), −0 and NaN's sign included.
  v128_t magnitude = wasm_v128_bitselect(small, large, wasm_f32x4_lt(ax, splat(0.625f)));
  return wasm_v128_or(magnitude, wasm_v128_and(x, wasm_i32x4_splat((int)0x80000000)));
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

EXPORT(avg_pool_f32)
void avg_pool_f32(const float *x, float *y, int batch, int inH, int inW, int c, int outH, int outW, int strideH, int strideW,
                  int filterH, int filterW, int padTop, int padLeft) {
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
        for (; ch + 4 <= c; ch += 4) {
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

EXPORT(avg_pool_grad_f32)
void avg_pool_grad_f32(const float *dy, float *dx, int batch, int inH, int inW, int c, int outH, int outW, int strideH, int strideW,
                       int filterH, int filterW, int padTop, int padLeft) {
  const int row = inW * c;
  const size_t total = (size_t)batch * inH * row;
  for (size_t i = 0; i < total; i++) dx[i] = 0.0f; // memory.fill (bulk memory)
  const float scale = 1.0f / (float)(filterH * filterW);
  for (int b = 0; b < batch; b++) {
    float *db = dx + (size_t)b * inH * row;
    for (int oh = 0; oh < outH; oh++) {
      int h0 = oh * strideH - padTop, hMin = imax(0, h0), hMax = imin(inH, h0 + filterH);
      for (int ow = 0; ow < outW; ow++, dy += c) {
        int w0 = ow * strideW - padLeft, wMin = imax(0, w0), wMax = imin(inW, w0 + filterW);
        int ch = 0;
        for (; ch + 4 <= c; ch += 4) {
          v128_t g = mul(wasm_v128_load(dy + ch), splat(scale));
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

// ---- Bias: y = x + b over rows of c (a layer's bias add), and its gradient, the sum of the rows.

EXPORT(bias_add_f32) void bias_add_f32(const float *x, const float *bias, float *y, size_t rows, int c) {
  for (size_t r = 0; r < rows; r++, x += c, y += c) {
    int ch = 0;
    for (; ch + 4 <= c; ch += 4) wasm_v128_store(y + ch, add(wasm_v128_load(x + ch), wasm_v128_load(bias + ch)));
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
// Vectorised over co (4 at a time, a partial block for the rest), and blocked over four kw at once: each dy
// vector loaded is used for four filter taps. Positions that would read padding are left out of the sums:
// the ow range where all four taps are inside the image runs without checks, the few others with them.

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

EXPORT(conv2d_backprop_filter_f32)
void conv2d_backprop_filter_f32(const float *x, const float *dy, float *dw, int batch, int inH, int inW, int ci, int outH, int outW,
                                int co, int sh, int sw, int fh, int fw, int top, int left) {
  for (int kh = 0; kh < fh; kh++) {
    int ohMin = first_inside(kh - top, sh), ohMax = end_inside(kh - top, sh, inH, outH);
    for (int c = 0; c < ci; c++) {
      for (int j = 0; j < co; j += 4) {
        int r = imin(4, co - j);
        int kw = 0;
        for (; kw + 4 <= fw; kw += 4) {
          v128_t a0 = splat(0.0f), a1 = splat(0.0f), a2 = splat(0.0f), a3 = splat(0.0f);
          int owA = imax(first_inside(kw - left, sw), first_inside(kw + 3 - left, sw));
          int owB = imin(end_inside(kw - left, sw, inW, outW), end_inside(kw + 3 - left, sw, inW, outW));
          if (owB < owA) owB = owA;
          for (int b = 0; b < batch; b++) {
            for (int oh = ohMin; oh < ohMax; oh++) {
              const float *xr = x + ((size_t)(b * inH + oh * sh + kh - top) * inW) * ci + c;
              const float *dr = dy + ((size_t)(b * outH + oh) * outW) * co + j;
              for (int ow = owA; ow < owB; ow++) {
                v128_t g = load_part(dr + ow * co, r);
                const float *xp = xr + (ow * sw + kw - left) * ci;
                a0 = add(a0, mul(splat(xp[0]), g));
                a1 = add(a1, mul(splat(xp[ci]), g));
                a2 = add(a2, mul(splat(xp[2 * ci]), g));
                a3 = add(a3, mul(splat(xp[3 * ci]), g));
              }
              for (int ow = 0; ow < outW; ow++) {
                if (ow == owA) ow = owB; // the checked positions: before the interior and after it
                if (ow >= outW) break;
                v128_t g = load_part(dr + ow * co, r);
                int iw = ow * sw + kw - left;
                if (iw >= 0 && iw < inW) a0 = add(a0, mul(splat(xr[iw * ci]), g));
                if (iw + 1 >= 0 && iw + 1 < inW) a1 = add(a1, mul(splat(xr[(iw + 1) * ci]), g));
                if (iw + 2 >= 0 && iw + 2 < inW) a2 = add(a2, mul(splat(xr[(iw + 2) * ci]), g));
                if (iw + 3 >= 0 && iw + 3 < inW) a3 = add(a3, mul(splat(xr[(iw + 3) * ci]), g));
              }
            }
          }
          float *out = dw + ((size_t)(kh * fw + kw) * ci + c) * co + j;
          store_part(out, a0, r);
          store_part(out + (size_t)ci * co, a1, r);
          store_part(out + (size_t)2 * ci * co, a2, r);
          store_part(out + (size_t)3 * ci * co, a3, r);
        }
        for (; kw < fw; kw++) {
          v128_t a = splat(0.0f);
          int owA = first_inside(kw - left, sw), owB = end_inside(kw - left, sw, inW, outW);
          for (int b = 0; b < batch; b++) {
            for (int oh = ohMin; oh < ohMax; oh++) {
              const float *xr = x + ((size_t)(b * inH + oh * sh + kh - top) * inW) * ci + c;
              const float *dr = dy + ((size_t)(b * outH + oh) * outW) * co + j;
              for (int ow = owA; ow < owB; ow++) a = add(a, mul(splat(xr[(ow * sw + kw - left) * ci]), load_part(dr + ow * co, r)));
            }
          }
          store_part(dw + ((size_t)(kh * fw + kw) * ci + c) * co + j, a, r);
        }
      }
    }
  }
}

// thousandBrains operator kernels (DESIGN.md "The computation"), float32, compiled at run time by
// NVRTC for the GPU present (and by nvcc -ptx -arch=sm_90 in the module's tests). No headers.
//
// Layouts: states node-major, history X[T+1][N][B] (slot 0 = x0, slot t = step t); edge traces
// S[T+1][E][B] in CSR order (slot 0 = 0); inputs I[T][N][B]; state adjoints GX[T+1][N][B]; trace
// adjoints GS[E][B] (one step, reused backwards in time). One warp per node, lanes over the batch:
// each edge belongs to the warp of its target (CSR) in forward and in the trace/parameter gradients,
// and to the warp of its source (CSC) when its adjoint reaches the source's states. No atomics: every
// sum has a fixed order, so results are bit-identical from run to run.

#define FULL_MASK 0xffffffffu

__device__ __forceinline__ float act_apply(int f, float a) {
    switch (f) {
        case 1: return a > 0.f ? a : 0.f;
        case 2: return tanhf(a);
        case 3: return 1.f / (1.f + expf(-a));
        default: return a;
    }
}

// phi' through the output x = phi(a) (relu: 1 where x > 0), as the CPU kernels.
__device__ __forceinline__ float act_slope(int f, float x) {
    switch (f) {
        case 1: return x > 0.f ? 1.f : 0.f;
        case 2: return 1.f - x * x;
        case 3: return x * (1.f - x);
        default: return 1.f;
    }
}

// Sum over the 32 lanes of a warp in a fixed tree order; lane 0 holds the result.
__device__ __forceinline__ float warp_sum(float v) {
    for (int o = 16; o > 0; o >>= 1) v += __shfl_down_sync(FULL_MASK, v, o);
    return v;
}

__device__ __forceinline__ int warp_id() { return (int) ((blockIdx.x * (long) blockDim.x + threadIdx.x) >> 5); }
__device__ __forceinline__ int lane_id() { return threadIdx.x & 31; }
__device__ __forceinline__ long thread_id() { return blockIdx.x * (long) blockDim.x + threadIdx.x; }

// x = phi(a) elementwise.
extern "C" __global__ void activate(int f, const float* a, float* x, int n) {
    long i = thread_id();
    if (i < n) x[i] = act_apply(f, a[i]);
}

// k-WTA selection over scores [groups][size][B]: the k largest per group and lane win (ties: lower index).
extern "C" __global__ void kwinners(const float* c, int groups, int size, int B, int k, float* win) {
    long i = thread_id();
    long total = (long) groups * size * B;
    if (i >= total) return;
    int b = (int) (i % B);
    int m = (int) ((i / B) % size);
    long base = (i / ((long) size * B)) * (long) size * B;
    float ci = c[i];
    int rank = 0;
    for (int j = 0; j < size; j++) {
        float cj = c[base + (long) j * B + b];
        if (cj > ci || (cj == ci && j < m)) rank++;
    }
    win[i] = rank < k ? 1.f : 0.f;
}

// One CSR step y = A x, warp per row: the SpMM the peers (torch.sparse, PyG) are compared on.
extern "C" __global__ void spmm(int N, int B, const int* rowPtr, const int* src, const float* w, const float* x, float* y) {
    int v = warp_id();
    if (v >= N) return;
    for (int b = lane_id(); b < B; b += 32) {
        float acc = 0.f;
        for (int e = rowPtr[v]; e < rowPtr[v + 1]; e++) acc += w[e] * x[(long) src[e] * B + b];
        y[(long) v * B + b] = acc;
    }
}

// Whole part k and fraction f of every delay; flags a change of the instant pattern (k == 0) the
// wave schedule was built for.
extern "C" __global__ void split_delays(const float* d, int* k, float* f, const unsigned char* planned, int* changed, int E) {
    long e = thread_id();
    if (e >= E) return;
    float de = d[e];
    int ke = (int) floorf(de);
    k[e] = ke;
    f[e] = de - (float) ke;
    if ((ke == 0) != (planned[e] != 0)) atomicOr(changed, 1);
}

// One wave of one step: delayed reads, leaky traces, aggregation by target, activation (inputs clamped).
extern "C" __global__ void forward_nodes(int t, const int* nodes, int count, int N, int E, int B,
        const int* rowPtr, const int* src, const int* k, const float* f, const float* w, const float* lam,
        const float* bias, const unsigned char* act, const unsigned char* isInput, const float* I,
        float* X, float* S, float* A) {
    int wi = warp_id();
    if (wi >= count) return;
    int v = nodes[wi];
    long nb = (long) N * B;
    long eb = (long) E * B;
    for (int b = lane_id(); b < B; b += 32) {
        float in = I != 0 ? I[(long) (t - 1) * nb + (long) v * B + b] : 0.f;
        float a = in;
        float x = in;
        if (!isInput[v]) {
            float acc = bias[v] + in;
            for (int e = rowPtr[v]; e < rowPtr[v + 1]; e++) {
                int u = src[e];
                int t1 = t - k[e];
                int t2 = t1 - 1;
                float xa = t1 >= 0 ? X[t1 * nb + (long) u * B + b] : 0.f;
                float xb = t2 >= 0 ? X[t2 * nb + (long) u * B + b] : 0.f;
                float r = (1.f - f[e]) * xa + f[e] * xb;
                float s = lam[e] * S[(long) (t - 1) * eb + (long) e * B + b] + r;
                S[(long) t * eb + (long) e * B + b] = s;
                acc += w[e] * s;
            }
            a = acc;
            x = act_apply(act[v], a);
        }
        A[(long) v * B + b] = a;
        X[(long) t * nb + (long) v * B + b] = x;
    }
}

// Boost factor exp(beta (rho - duty)) of every k-WTA member position, from the live duty cycles.
extern "C" __global__ void kwta_factor(const float* beta, const float* rho, const float* duty, float* factor, int M) {
    long i = thread_id();
    if (i < M) factor[i] = expf(beta[i] * (rho[i] - duty[i]));
}

// k-WTA of the groups of one wave at step t: score a * factor, the k best per lane keep phi(a),
// the others get 0; winners recorded in Win[T][M][B]. Thread per (member position, lane) of group q.
extern "C" __global__ void kwta_select(int t, int start, int size, int kq, int N, int M, int B,
        const int* members, const float* factor, const float* A, float* X, unsigned char* Win) {
    long i = thread_id();
    if (i >= (long) size * B) return;
    int b = (int) (i % B);
    int m = (int) (i / B);
    int v = members[start + m];
    float ci = A[(long) v * B + b] * factor[start + m];
    int rank = 0;
    for (int j = 0; j < size; j++) {
        float cj = A[(long) members[start + j] * B + b] * factor[start + j];
        if (cj > ci || (cj == ci && j < m)) rank++;
    }
    unsigned char won = rank < kq ? 1 : 0;
    Win[((long) (t - 1) * M + start + m) * B + b] = won;
    if (!won) X[(long) t * N * B + (long) v * B + b] = 0.f;
}

// Duty cycles of one group after a training pass of n = B*T observations with window p = min(P, L).
extern "C" __global__ void kwta_duty(int start, int size, int T, int M, int B, float p, float n,
        const unsigned char* Win, float* duty) {
    long i = thread_id();
    if (i >= size) return;
    long pos = start + i;
    float wins = 0.f;
    for (int t = 0; t < T; t++) {
        for (int b = 0; b < B; b++) wins += (float) Win[((long) t * M + pos) * B + b];
    }
    duty[pos] = n <= p ? (duty[pos] * (p - n) + wins) / p : wins / n;
}

// Readout: mean of the output states over the last K steps, R[nOut][B].
extern "C" __global__ void readout(int T, int K, const int* outputs, int nOut, int N, int B, const float* X, float* R) {
    long i = thread_id();
    if (i >= (long) nOut * B) return;
    int j = (int) (i / B);
    int b = (int) (i % B);
    float sum = 0.f;
    for (int t = T - K + 1; t <= T; t++) sum += X[(long) t * N * B + (long) outputs[j] * B + b];
    R[i] = sum / (float) K;
}

// Seeds the state adjoints with dL/dreadout spread over the last K steps. With distinct outputs one
// thread per (output, lane); with repeated outputs (serial != 0) one thread per lane walks them in order.
extern "C" __global__ void seed_readout(int T, int K, const int* outputs, int nOut, int N, int B, const float* dL,
        float* GX, int serial) {
    long i = thread_id();
    int jFrom, jTo, b;
    if (serial) {
        if (i >= B) return;
        b = (int) i; jFrom = 0; jTo = nOut;
    } else {
        if (i >= (long) nOut * B) return;
        b = (int) (i % B); jFrom = (int) (i / B); jTo = jFrom + 1;
    }
    for (int j = jFrom; j < jTo; j++) {
        float g = dL[(long) j * B + b] / (float) K;
        for (int t = T - K + 1; t <= T; t++) GX[(long) t * N * B + (long) outputs[j] * B + b] += g;
    }
}

// The adjoint of the traces of edges leaving the given sources reaches the source states (CSC).
// instantOnly: the (1-f) part of instant edges (k = 0), which lands on step t itself and is needed
// before the source's own wave; otherwise every part that lands on earlier steps (nodes may be 0: all).
extern "C" __global__ void backward_sources(int t, const int* nodes, int count, int instantOnly, int N, int E, int B,
        const int* colPtr, const int* cscEdge, const int* k, const float* f, const float* GS, float* GX) {
    int wi = warp_id();
    if (wi >= count) return;
    int u = nodes != 0 ? nodes[wi] : wi;
    long nb = (long) N * B;
    for (int b = lane_id(); b < B; b += 32) {
        float now = 0.f;
        for (int i = colPtr[u]; i < colPtr[u + 1]; i++) {
            int p = cscEdge[i];
            int kp = k[p];
            float fp = f[p];
            float g = GS[(long) p * B + b];
            if (instantOnly) {
                if (kp == 0) now += (1.f - fp) * g;
            } else {
                int t1 = t - kp;
                int t2 = t1 - 1;
                if (kp > 0 && t1 >= 0) GX[t1 * nb + (long) u * B + b] += (1.f - fp) * g;
                if (t2 >= 0) GX[t2 * nb + (long) u * B + b] += fp * g;
            }
        }
        if (instantOnly) GX[t * nb + (long) u * B + b] += now;
    }
}

// dL/da of the nodes of one wave at step t (inputs: 0, their dL/dI is dL/dx; k-WTA losers: 0), and
// the bias gradient (sum over the lanes).
extern "C" __global__ void backward_nodes(int t, const int* nodes, int count, int N, int M, int B,
        const unsigned char* act, const unsigned char* isInput, const int* memberOf, const unsigned char* Win,
        const float* X, const float* GX, float* D, float* GI, float* gb) {
    int wi = warp_id();
    if (wi >= count) return;
    int v = nodes[wi];
    long nb = (long) N * B;
    int m = memberOf != 0 ? memberOf[v] : -1;
    float sum = 0.f;
    for (int b = lane_id(); b < B; b += 32) {
        float g = GX[t * nb + (long) v * B + b];
        float d = 0.f;
        float gi = g;
        if (!isInput[v]) {
            d = g * act_slope(act[v], X[t * nb + (long) v * B + b]);
            if (m >= 0 && !Win[((long) (t - 1) * M + m) * B + b]) d = 0.f;
            gi = d;
        }
        if (GI != 0) GI[(long) (t - 1) * nb + (long) v * B + b] = gi;
        D[(long) v * B + b] = d;
        sum += d;
    }
    sum = warp_sum(sum);
    if (lane_id() == 0) gb[v] += sum;
}

// Trace adjoints of the in-edges of one wave's nodes at step t (dL/ds(t) = w dL/da + lam dL/ds(t+1))
// and the weight, delay (right derivative) and leak gradients of those edges.
// Clamped inputs read no edges: their in-edges keep zero adjoints and gradients.
extern "C" __global__ void backward_edges(int t, const int* nodes, int count, int N, int E, int B,
        const int* rowPtr, const int* src, const int* k, const float* f, const float* w, const float* lam,
        const unsigned char* isInput, const float* X, const float* S, const float* D, float* GS, float* gw, float* gd,
        float* glam) {
    int wi = warp_id();
    if (wi >= count) return;
    int v = nodes[wi];
    if (isInput[v]) return;
    long nb = (long) N * B;
    long eb = (long) E * B;
    for (int e = rowPtr[v]; e < rowPtr[v + 1]; e++) {
        int u = src[e];
        int t1 = t - k[e];
        int t2 = t1 - 1;
        float sw = 0.f, sd = 0.f, sl = 0.f;
        for (int b = lane_id(); b < B; b += 32) {
            float d = D[(long) v * B + b];
            long pe = (long) e * B + b;
            float gs = w[e] * d + lam[e] * GS[pe];
            GS[pe] = gs;
            sw += d * S[(long) t * eb + pe];
            sl += gs * S[(long) (t - 1) * eb + pe];
            float xa = t1 >= 0 ? X[t1 * nb + (long) u * B + b] : 0.f;
            float xb = t2 >= 0 ? X[t2 * nb + (long) u * B + b] : 0.f;
            sd += gs * (xb - xa);
        }
        sw = warp_sum(sw);
        sd = warp_sum(sd);
        sl = warp_sum(sl);
        if (lane_id() == 0) {
            gw[e] += sw;
            gd[e] += sd;
            glam[e] += sl;
        }
    }
}

// Adam (torch.optim.Adam, no weight decay) in place, in the CPU kernel's operand order; entries whose
// learnable bit is off (learn != 0) keep parameter and moments.
extern "C" __global__ void adam(float* p, const float* g, float* m, float* v, const unsigned char* learn, int bit, int n,
        float stepSize, float b1, float b2, float bc2Sqrt, float eps) {
    long i = thread_id();
    if (i >= n) return;
    if (learn != 0 && !(learn[i] & bit)) return;
    float gi = g[i];
    float mi = m[i] * b1 + (1.f - b1) * gi;
    float vi = v[i] * b2 + (1.f - b2) * gi * gi;
    m[i] = mi;
    v[i] = vi;
    p[i] = p[i] - stepSize * (mi / (sqrtf(vi) / bc2Sqrt + eps));
}

// Delays into [floor_e, d_max], leaks into [0, maxLeak] (Parameters.clamp).
extern "C" __global__ void clamp_parameters(float* d, float* lam, const float* dFloor, float dMax, float maxLeak, int E) {
    long e = thread_id();
    if (e >= E) return;
    d[e] = fminf(dMax, fmaxf(dFloor[e], d[e]));
    lam[e] = fminf(maxLeak, fmaxf(0.f, lam[e]));
}

// A CPU emulation of the few CUDA driver and NVRTC entry points the gpu-backend device calls, for testing
// the Java side (memory, launches, the pass orchestration) and the kernels' logic on a machine without a
// GPU. kernels.cu is compiled as C++ here; each kernel launch runs every thread of every block, the 32
// lanes of a warp as cooperative fibers so that __shfl_down_sync exchanges values as on a GPU. NVRTC is
// not emulated: "compiling" returns an empty module (the nvcc -ptx test compiles the real source).
// Fresh allocations are filled with NaN so that a kernel reading memory nobody wrote shows up.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <ucontext.h>

struct Dim { unsigned x = 0, y = 0, z = 0; };
static Dim blockIdx, threadIdx, blockDim;

#define __global__
#define __device__
#define __forceinline__ inline

static float __shfl_down_sync(unsigned mask, float v, int offset);
static int atomicOr(int* p, int v) { int old = *p; *p |= v; return old; }

#include KERNELS

// ---- warps as fibers ---------------------------------------------------------------------------
namespace {
constexpr int LANES = 32;
constexpr size_t STACK = 256 * 1024;
ucontext_t scheduler;
ucontext_t lanes[LANES];
char* stacks[LANES];
bool done[LANES];
bool waiting[LANES];
float slot[LANES];
int want[LANES];
int current;
unsigned warpBase;
const std::function<void()>* body;

void laneMain() {
    (*body)();
    done[current] = true;
    swapcontext(&lanes[current], &scheduler);
}

void runWarp(unsigned base, const std::function<void()>& kernel) {
    body = &kernel;
    warpBase = base;
    for (int l = 0; l < LANES; l++) {
        if (!stacks[l]) stacks[l] = static_cast<char*>(malloc(STACK));
        getcontext(&lanes[l]);
        lanes[l].uc_stack.ss_sp = stacks[l];
        lanes[l].uc_stack.ss_size = STACK;
        lanes[l].uc_link = nullptr;
        makecontext(&lanes[l], laneMain, 0);
        done[l] = false;
        waiting[l] = false;
    }
    for (;;) {
        for (int l = 0; l < LANES; l++) {
            if (done[l] || waiting[l]) continue;
            current = l;
            threadIdx.x = base + l;
            swapcontext(&scheduler, &lanes[l]);
        }
        bool anyWaiting = false;
        for (int l = 0; l < LANES; l++) anyWaiting |= waiting[l];
        if (!anyWaiting) return;
        for (int l = 0; l < LANES; l++) {
            if (!waiting[l]) { fprintf(stderr, "emulator: lane %d left a warp before a shuffle\n", l); abort(); }
        }
        float got[LANES];
        for (int l = 0; l < LANES; l++) got[l] = want[l] + l < LANES ? slot[l + want[l]] : slot[l];
        for (int l = 0; l < LANES; l++) { slot[l] = got[l]; waiting[l] = false; }
    }
}
}  // namespace

static float __shfl_down_sync(unsigned, float v, int offset) {
    int l = current;
    slot[l] = v;
    want[l] = offset;
    waiting[l] = true;
    swapcontext(&lanes[l], &scheduler);
    threadIdx.x = warpBase + l;
    current = l;
    return slot[l];
}

// ---- kernel table: unpack void** kernelParams into each kernel's typed arguments -----------------
template <typename... A, size_t... I>
static void call(void (*f)(A...), void** p, std::index_sequence<I...>) { f(*static_cast<A*>(p[I])...); }
template <typename... A>
static std::function<void(void**)> entry(void (*f)(A...)) {
    return [f](void** p) { call(f, p, std::index_sequence_for<A...>{}); };
}
#define K(name) {#name, entry(&name)}
static std::map<std::string, std::function<void(void**)>> kernels = {
    K(activate), K(kwinners), K(spmm), K(split_delays), K(forward_nodes), K(kwta_factor), K(kwta_select), K(kwta_duty),
    K(readout), K(seed_readout), K(backward_sources), K(backward_nodes), K(backward_edges), K(adam), K(clamp_parameters)};

typedef int CUresult;
typedef unsigned long long CUdeviceptr;

extern "C" {
CUresult cuInit(unsigned) { return 0; }
CUresult cuDeviceGetCount(int* n) { *n = 1; return 0; }
CUresult cuDeviceGet(int* d, int) { *d = 0; return 0; }
CUresult cuDeviceGetName(char* s, int len, int) { snprintf(s, len, "CPU emulation of CUDA"); return 0; }
CUresult cuDeviceGetAttribute(int* v, int attribute, int) { *v = attribute == 75 ? 9 : 0; return 0; }
CUresult cuDeviceTotalMem_v2(size_t* bytes, int) { *bytes = size_t(1) << 32; return 0; }
CUresult cuDevicePrimaryCtxRetain(void** ctx, int) { *ctx = reinterpret_cast<void*>(1); return 0; }
CUresult cuCtxSetCurrent(void*) { return 0; }
CUresult cuCtxSynchronize() { return 0; }
CUresult cuModuleLoadData(void** m, const void*) { *m = reinterpret_cast<void*>(1); return 0; }
CUresult cuModuleGetFunction(void** f, void*, const char* name) {
    auto it = kernels.find(name);
    if (it == kernels.end()) return 500;  // CUDA_ERROR_NOT_FOUND
    *f = &it->second;
    return 0;
}
CUresult cuMemAlloc_v2(CUdeviceptr* p, size_t bytes) {
    void* m = malloc(bytes);
    if (!m) return 2;
    memset(m, 0xff, bytes);  // NaN floats, -1 ints: reading unwritten memory shows
    *p = reinterpret_cast<CUdeviceptr>(m);
    return 0;
}
CUresult cuMemFree_v2(CUdeviceptr p) { free(reinterpret_cast<void*>(p)); return 0; }
CUresult cuMemcpyHtoD_v2(CUdeviceptr d, const void* s, size_t n) { memcpy(reinterpret_cast<void*>(d), s, n); return 0; }
CUresult cuMemcpyDtoH_v2(void* d, CUdeviceptr s, size_t n) { memcpy(d, reinterpret_cast<void*>(s), n); return 0; }
CUresult cuMemcpyDtoD_v2(CUdeviceptr d, CUdeviceptr s, size_t n) {
    memcpy(reinterpret_cast<void*>(d), reinterpret_cast<void*>(s), n);
    return 0;
}
CUresult cuMemsetD32_v2(CUdeviceptr d, unsigned v, size_t n) {
    unsigned* p = reinterpret_cast<unsigned*>(d);
    for (size_t i = 0; i < n; i++) p[i] = v;
    return 0;
}
CUresult cuMemsetD8_v2(CUdeviceptr d, unsigned char v, size_t n) { memset(reinterpret_cast<void*>(d), v, n); return 0; }
CUresult cuLaunchKernel(void* f, unsigned gx, unsigned gy, unsigned gz, unsigned bx, unsigned by, unsigned bz, unsigned,
                        void*, void** params, void**) {
    if (gy != 1 || gz != 1 || by != 1 || bz != 1 || bx % LANES != 0) return 1;  // CUDA_ERROR_INVALID_VALUE
    auto& k = *static_cast<std::function<void(void**)>*>(f);
    std::function<void()> run = [&] { k(params); };
    blockDim.x = bx;
    for (unsigned b = 0; b < gx; b++) {
        blockIdx.x = b;
        for (unsigned w = 0; w < bx; w += LANES) runWarp(w, run);
    }
    return 0;
}
CUresult cuGetErrorName(CUresult, const char** s) { *s = "CUDA_ERROR_EMULATED"; return 0; }

int nvrtcCreateProgram(void** p, const char*, const char*, int, const char* const*, const char* const*) {
    *p = reinterpret_cast<void*>(1);
    return 0;
}
int nvrtcCompileProgram(void*, int, const char* const*) { return 0; }
int nvrtcGetPTXSize(void*, size_t* n) { *n = 1; return 0; }
int nvrtcGetPTX(void*, char* s) { s[0] = 0; return 0; }
int nvrtcGetProgramLogSize(void*, size_t* n) { *n = 1; return 0; }
int nvrtcGetProgramLog(void*, char* s) { s[0] = 0; return 0; }
int nvrtcDestroyProgram(void**) { return 0; }
const char* nvrtcGetErrorString(int) { return "NVRTC_EMULATED"; }
}

/* TEST ONLY, never shipped: a stand-in for bcryptprimitives.dll under Wine 8.
 *
 * Rust's std (1.78 and later) gets its random numbers (HashMap seeds) from ProcessPrng in
 * bcryptprimitives.dll. Windows 10 and 11 have it; Wine 8 does not, so every Rust exe stops at
 * start with "Library bcryptprimitives.dll ... not found". scripts/test-windows.sh builds this
 * DLL with mingw-w64 and puts it in the test prefix's system32 only. */
#include <windows.h>

/* RtlGenRandom, exported by advapi32 as SystemFunction036. */
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) {
            return FALSE;
        }
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}

/*
 * Test-only stand-in for Windows' bcryptprimitives.dll, which Wine 8 lacks.
 *
 * Rust's standard library (1.78 and later) takes its random bytes from ProcessPrng in
 * bcryptprimitives.dll; Windows 10 and later ship it, Wine 8 does not, so every Rust program
 * stops at start under Wine without it. This forwards to RtlGenRandom (SystemFunction036 in
 * advapi32), which Wine has. It is built by tests/wine/run and placed beside the .exe under test
 * only: it is never shipped in the installer.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}

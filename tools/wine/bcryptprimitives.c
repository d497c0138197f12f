/* A stand-in for Windows' bcryptprimitives.dll, for the Wine test prefix only
 * (tools/check-windows.sh). Rust's standard library takes its random numbers from
 * ProcessPrng there (Windows 10 and later ship it); Debian's Wine 8 lacks the DLL, and
 * dossier.exe would not start. This fills the buffer from RtlGenRandom, which Wine has. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length); /* RtlGenRandom */

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}

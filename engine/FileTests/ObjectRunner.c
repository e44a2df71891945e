/* The fixed runner of Stencil's object run tests (see ObjectRunHarness.cs), compiled once per target and linked with
 * each file's object, which defines stencil_run_table. For every directive from argv[1] on it calls the trampoline
 * with the function and its argument slots and prints the raw result slots as hex; a signal (a trap, a crash, or the
 * alarm of argv[2] seconds) is caught and reported instead, and the run goes on with the next directive. Output:
 *   F <index> <address>            every function's address, first
 *   R <directive> <hex>            the result slots, 16 bytes each, as the trampoline stored them
 *   S <directive> <signal> <addr>  a signal, with the faulting address
 *   E                              the end: every directive was reported */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef void (*trampoline_t)(void *function, void *arguments, void *results);

extern const uint64_t stencil_run_table[];

static sigjmp_buf jump;
static volatile sig_atomic_t caught;
static void *volatile fault;

static void on_signal(int signal, siginfo_t *info, void *context)
{
    (void)context;
    caught = signal;
    fault = signal == SIGALRM ? 0 : info->si_addr;
    siglongjmp(jump, 1);
}

int main(int argc, char **argv)
{
    uint64_t first = argc > 1 ? strtoull(argv[1], 0, 10) : 0;
    unsigned timeout = argc > 2 ? (unsigned)atoi(argv[2]) : 10;
    static char alternate[1 << 16];
    stack_t stack = { .ss_sp = alternate, .ss_size = sizeof alternate };
    sigaltstack(&stack, 0);
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = on_signal;
    action.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
    sigemptyset(&action.sa_mask);
    int signals[] = { SIGILL, SIGSEGV, SIGBUS, SIGFPE, SIGTRAP, SIGALRM };
    for (unsigned i = 0; i < sizeof signals / sizeof signals[0]; i++) sigaction(signals[i], &action, 0);
    setvbuf(stdout, 0, _IOLBF, 0);

    uint64_t functions = stencil_run_table[0], directives = stencil_run_table[1];
    for (uint64_t i = 0; i < functions; i++)
        printf("F %llu %llx\n", (unsigned long long)i, (unsigned long long)stencil_run_table[2 + i]);
    const uint64_t *entries = stencil_run_table + 2 + functions;
    static unsigned char results[64 * 16] __attribute__((aligned(16)));
    for (uint64_t d = first; d < directives; d++)
    {
        const uint64_t *e = entries + 4 * d;
        memset(results, 0, sizeof results);
        caught = 0;
        if (sigsetjmp(jump, 1) == 0)
        {
            alarm(timeout);
            ((trampoline_t)(uintptr_t)e[0])((void *)(uintptr_t)e[1], (void *)(uintptr_t)e[2], results);
            alarm(0);
            printf("R %llu ", (unsigned long long)d);
            for (uint64_t b = 0; b < e[3] * 16; b++) printf("%02x", results[b]);
            printf("\n");
        }
        else
        {
            alarm(0);
            printf("S %llu %d %llx\n", (unsigned long long)d, (int)caught, (unsigned long long)(uintptr_t)fault);
        }
    }
    printf("E\n");
    return 0;
}

/*
 * pause: the first process of a Kubernetes pod (book 7.6). The pod sandbox is
 * a container that does nothing but hold the pod's namespaces (network, IPC,
 * UTS, and PID when the pod shares one) open, so that the pod's containers can
 * come and go and join them by path (/proc/<pause>/ns/net). When the pod shares
 * one PID namespace, this is its PID 1: orphans are re-parented to it, so it
 * reaps them (a zombie would otherwise stay until the pod ends). It exits 0 on
 * SIGINT or SIGTERM, as the kubelet's stop expects.
 *
 * Built static (no libc in the image): gcc -static -Os -o pause pause.c
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static void stop(int sig) {
    (void)sig;
    _exit(0);
}

static void reap(int sig) {
    (void)sig;
    int saved = errno;
    while (waitpid(-1, NULL, WNOHANG) > 0) {
    }
    errno = saved;
}

static void on(int sig, void (*handler)(int)) {
    struct sigaction action = {.sa_handler = handler, .sa_flags = SA_RESTART | SA_NOCLDSTOP};
    sigemptyset(&action.sa_mask);
    if (sigaction(sig, &action, NULL) < 0) {
        perror("pause: sigaction");
        exit(1);
    }
}

int main(void) {
    if (getpid() != 1) {
        fprintf(stderr, "pause: not PID 1 (pid %d): reaping only what is re-parented to it\n", getpid());
    }
    on(SIGINT, stop);
    on(SIGTERM, stop);
    on(SIGCHLD, reap);
    for (;;) {
        pause();
    }
}

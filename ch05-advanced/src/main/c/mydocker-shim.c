/*
 * mydocker-shim: what stays on the host for a detached container (book 5.1),
 * instead of a JVM. Docker has containerd-shim, podman has conmon; this is
 * the smallest version of the same job.
 *
 *   mydocker-shim STATE_DIR REAPER [ARG...] -- STARTER [ARG...]
 *
 * 1. It becomes a child subreaper (prctl PR_SET_CHILD_SUBREAPER): orphans
 *    below it are re-parented to it instead of to the host's init.
 * 2. It runs STARTER (the chapter's JVM, which starts the container) as its
 *    child. That JVM writes the container's host pid to STATE_DIR/init.pid and
 *    exits, so the container's first process is re-parented to the shim.
 * 3. It reaps whatever it is given, and when the container's first process
 *    ends it writes {"exitCode": N, "finishedAt": SECONDS} to
 *    STATE_DIR/exit.json (N as a shell reports it: the exit code, or 128+N for
 *    signal N).
 * 4. It runs REAPER (the chapter's JVM again, `__reap ID`), which removes the
 *    container's cgroup, waits for it and exits: like containerd's shim,
 *    which runs `runc delete`, it never touches a cgroup file itself.
 *
 * Only the parent of a process can learn how it ended; that is why something
 * must stay, and why it is this small (a static binary, ~840 kB resident).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char state_dir[4096];

static int read_pid(void) {
    char path[4200];
    snprintf(path, sizeof path, "%s/init.pid", state_dir);
    FILE *f = fopen(path, "r");
    int pid = -1;
    if (f) {
        if (fscanf(f, "%d", &pid) != 1) {
            pid = -1;
        }
        fclose(f);
    }
    return pid;
}

/* Written over exit.json.tmp, which the starting JVM filled with 4 KiB before
   the container ran (ContainerState.reserveExitRecord), then cut to length,
   synced and renamed: a reader sees all of it or nothing, and a container that
   filled the disk cannot make it fail for want of space. Without the reserve
   (a container started by an older version) the file is made here. */
static void record_exit(int status) {
    char tmp[4200], path[4200], record[128];
    snprintf(tmp, sizeof tmp, "%s/exit.json.tmp", state_dir);
    snprintf(path, sizeof path, "%s/exit.json", state_dir);
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    int length = snprintf(record, sizeof record, "{\"exitCode\": %d, \"finishedAt\": %ld}\n", code, (long) time(NULL));
    int fd = open(tmp, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        return;
    }
    int written = pwrite(fd, record, length, 0) == length && ftruncate(fd, length) == 0 && fsync(fd) == 0;
    close(fd);
    if (written) {
        rename(tmp, path);
    }
}

/* Held until the shim exits, when the kernel drops it (a POSIX record lock,
   as Java's FileChannel.lock takes): `rm` waits for it, so that nothing of the
   container, this shim and its reaper included, is left when `rm` returns. */
static void hold_lock(void) {
    char path[4200];
    snprintf(path, sizeof path, "%s/shim.lock", state_dir);
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    struct flock lock = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
    if (fd >= 0) {
        fcntl(fd, F_SETLK, &lock);
    }
}

/* Runs the reaper and waits for it; anything else it reaps meanwhile was orphaned below us. */
static void reap(char **reaper) {
    pid_t pid = fork();
    if (pid < 0) {
        perror("mydocker-shim: fork");
        return;
    }
    if (pid == 0) {
        execvp(reaper[0], reaper);
        perror("mydocker-shim: exec");
        _exit(125);
    }
    for (;;) {
        pid_t done = waitpid(-1, NULL, 0);
        if (done == pid || (done < 0 && errno != EINTR)) {
            return;
        }
    }
}

int main(int argc, char **argv) {
    int end = 2; /* the "--" that ends the reaper's command line */
    while (end < argc && strcmp(argv[end], "--") != 0) {
        end++;
    }
    if (end == 2 || end + 1 >= argc) {
        fprintf(stderr, "usage: mydocker-shim STATE_DIR REAPER [ARG...] -- STARTER [ARG...]\n");
        return 2;
    }
    argv[end] = NULL; /* argv + 2 is now the reaper's argv */
    char **starter_argv = argv + end + 1;
    snprintf(state_dir, sizeof state_dir, "%s", argv[1]);
    if (prctl(PR_SET_CHILD_SUBREAPER, 1) != 0) {
        perror("mydocker-shim: prctl(PR_SET_CHILD_SUBREAPER)");
        return 125;
    }
    pid_t starter = fork();
    if (starter < 0) {
        perror("mydocker-shim: fork");
        return 125;
    }
    if (starter == 0) {
        execvp(starter_argv[0], starter_argv);
        perror("mydocker-shim: exec");
        _exit(125);
    }
    /* The shim needs none of the descriptors it was given (the starter has them):
       holding a pipe's write end would keep the CLI from ever reading its end. */
    for (int fd = 3; fd < 1024; fd++) {
        close(fd);
    }
    hold_lock();
    int container = -1;
    for (;;) {
        int status;
        pid_t pid = waitpid(-1, &status, 0);
        if (pid < 0) {
            if (errno == EINTR) {
                continue;
            }
            return 0; /* no children left */
        }
        if (container < 0) {
            /* Written before the starter exits; the container may be reaped first. */
            container = read_pid();
        }
        if (pid == starter) {
            if (container < 0) {
                return 125; /* the container did not start; the JVM said why */
            }
        } else if (pid == container) {
            /* The exit first: `stop` and `rm` wait for it. The group goes after,
               so they must not take it as gone: `rm` removes it too (idempotent). */
            record_exit(status);
            reap(argv + 2);
            return 0;
        }
    }
}

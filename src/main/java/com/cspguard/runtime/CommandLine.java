package com.cspguard.runtime;

import com.cspguard.runtime.security.TokenCommand;

import java.io.PrintStream;
import java.util.Map;

/**
 * What the command line asks for before anything starts: {@code --help} (usage, exit 0), the
 * {@code token} command, or the service, which takes only settings written {@code --name=value}
 * (Micronaut reads them as properties). Anything else stops with exit code 2 and says why, instead
 * of starting the whole service with an argument it silently ignored.
 */
public final class CommandLine {
    /** The service should start with these arguments. */
    public static final int START = -1;

    private CommandLine() { }

    public static String usage() {
        String launcher = TokenCommand.usage().substring("usage: ".length(), TokenCommand.usage().indexOf(" token "));
        return """
                usage: %1$s [--<setting>=<value> ...]     start the service (settings: docs/operations.md)
                       %1$s token --partner <tenant id> | --admin [--days 30] [--subject name]
                                                         print a bearer token signed with the service's secret
                       %1$s --help                      this text""".formatted(launcher);
    }

    /** The exit code, or {@link #START} when the service should start. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            return START;
        }
        if (args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            out.println(usage());
            return 0;
        }
        if (args[0].equals("token")) {
            return TokenCommand.run(args, env, out, err);
        }
        for (String a : args) {
            if (!a.startsWith("--") || a.indexOf('=') < 3) {
                err.println("unknown argument '" + a + "': give a command (token, --help) or settings as --name=value");
                err.println(usage());
                return 2;
            }
        }
        return START;
    }
}

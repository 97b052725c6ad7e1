package toothbrush.ingest.bootstrap;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every option of every subcommand can come from the environment: {@code TOOTHBRUSH_} and the option's long
 * name in upper case, dashes as underscores ({@code --queue} is {@code TOOTHBRUSH_QUEUE}); a repeatable option
 * takes a comma-separated list. A flag on the command line wins. {@code --help} lists the variables.
 */
final class EnvironmentDefaults implements CommandLine.IDefaultValueProvider {
    /** The prefix of every variable. */
    static final String PREFIX = "TOOTHBRUSH_";
    /** The help section listing the variables, after the options. */
    static final String HELP_SECTION = "environment";

    private final Map<String, String> environment;

    EnvironmentDefaults(Map<String, String> environment) {
        this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
    }

    /** The variable of an option, e.g. {@code TOOTHBRUSH_METRICS_ADDRESS}, or {@code null} for help options. */
    static String variable(OptionSpec option) {
        if (option.usageHelp() || option.versionHelp()) {
            return null;
        }
        String name = option.longestName().replaceFirst("^-+", "");
        return PREFIX + name.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    @Override
    public String defaultValue(ArgSpec argument) {
        if (!(argument instanceof OptionSpec option)) {
            return null;
        }
        String variable = variable(option);
        if (variable == null) {
            return null;
        }
        String value = environment.get(variable);
        return value == null || value.isEmpty() ? null : value;
    }

    /** Sets this provider on {@code root} and its subcommands and adds the variable list to each one's help. */
    void install(CommandLine root) {
        root.setDefaultValueProvider(this);
        addHelpSection(root);
    }

    private static void addHelpSection(CommandLine command) {
        List<String> keys = new ArrayList<>(command.getHelpSectionKeys());
        if (!keys.contains(HELP_SECTION)) {
            // picocli hands the keys down to the subcommands, but each needs its own renderer
            keys.add(keys.indexOf(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST) + 1, HELP_SECTION);
            command.setHelpSectionKeys(keys);
        }
        command.getHelpSectionMap().put(HELP_SECTION, help -> environmentSection(command));
        for (CommandLine sub : command.getSubcommands().values()) {
            addHelpSection(sub);
        }
    }

    private static String environmentSection(CommandLine command) {
        StringBuilder text = new StringBuilder(String.format("%nEnvironment (a flag on the command line wins):%n"));
        for (OptionSpec option : command.getCommandSpec().options()) {
            String variable = variable(option);
            if (variable != null) {
                text.append(String.format(
                        "  %-34s %s%s%n",
                        variable, option.longestName(), option.isMultiValue() ? " (comma-separated)" : ""));
            }
        }
        return text.toString();
    }
}

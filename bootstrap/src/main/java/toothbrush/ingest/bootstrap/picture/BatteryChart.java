package toothbrush.ingest.bootstrap.picture;

import toothbrush.ingest.domain.profile.DatasetProfile;

/**
 * V8, V9: the battery over time: the level in force at the end of each bin as a line, lost ticks hatched behind;
 * a note in words where no settings line carried a battery.
 */
final class BatteryChart {

    private BatteryChart() {}

    static void write(Xml x, DatasetProfile profile, TimeScale scale) {
        PercentPlot plot = PercentPlot.start(
                x,
                profile,
                scale,
                "battery",
                "Battery over time",
                90,
                "Battery over time: the level in force at the end of each bin, from 0 to"
                        + " 100 percent; lost ticks hatched behind.");
        String path = plot.steps(DatasetProfile.Bin::battery);
        if (!path.isEmpty()) {
            x.empty("path", "class", "battery", "d", path);
        } else {
            x.element(
                    "text",
                    "battery unknown: no settings line carried one",
                    "x",
                    Xml.num((TimeScale.PLOT_LEFT + TimeScale.PLOT_RIGHT) / 2),
                    "y",
                    Xml.num(plot.middle()),
                    "text-anchor",
                    "middle");
        }
        plot.finish(new String[][] {
            {"battery", "line", "battery at the end of each bin"}, {"lost-band", "solid", "lost ticks"}
        });
    }
}

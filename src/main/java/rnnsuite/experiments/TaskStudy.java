package rnnsuite.experiments;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import rnnsuite.model.Variant;

/**
 * A study of tasks: every cell on every task, each task a plan of its own (its data, metric, budget, search and
 * seeds), read from one plan file with a {@code tasks} list ({@link PlanReader#loadTasks}). Each task writes its
 * own results folder under the study's ({@code results/<study>/<task>/}); the study's own page ranks the cells
 * across them.
 *
 * @param name        results go to {@code results/<name>/}
 * @param description one line for the cross-task report's header
 * @param tasks       one plan per task, each named after its task; the same cells in each
 */
public record TaskStudy(String name, String description, List<Plan> tasks) {

    public TaskStudy {
        description = description == null ? "" : description;
        tasks = List.copyOf(tasks);
        if (name == null || !name.matches(Plan.NAME_PATTERN)) {
            throw new IllegalArgumentException("name '" + name + "' may only hold letters, digits, '.', '_' and '-' (it names the "
                    + "results folder)");
        }
        if (tasks.size() < 2) {
            throw new IllegalArgumentException("a study of tasks ranks the cells across tasks, so it needs at least 2 tasks, got "
                    + tasks.size() + ": add tasks, or run the task as a plan of its own");
        }
        Set<String> names = new HashSet<>();
        for (Plan task : tasks) {
            if (!names.add(task.name())) {
                throw new IllegalArgumentException("two tasks are named '" + task.name() + "': give each task its own name "
                        + "(it names the task's results folder)");
            }
            if (!task.variants().equals(tasks.get(0).variants())) {
                throw new IllegalArgumentException("task '" + task.name() + "' runs the cells " + ids(task.variants())
                        + " but task '" + tasks.get(0).name() + "' runs " + ids(tasks.get(0).variants())
                        + ": every cell runs every task, so name the cells once, at the top of the file");
            }
        }
    }

    /** The cells every task runs. */
    public List<Variant> cells() {
        return tasks.get(0).variants();
    }

    /** The same study for some cells alone. */
    public TaskStudy onlyVariants(List<Variant> keep) {
        return new TaskStudy(name, description, tasks.stream().map(t -> t.onlyVariants(keep)).toList());
    }

    private static List<String> ids(List<Variant> variants) {
        return variants.stream().map(Variant::id).toList();
    }
}

"""A one-line progress bar for long management commands, redrawn in place on a terminal."""


def draw_bar(stdout, done, total, label):
    width = 30
    filled = width * done // total
    stdout.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {label[:40]:<40}", ending="")
    stdout.flush()

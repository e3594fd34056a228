from meetplan.cli import run

run()

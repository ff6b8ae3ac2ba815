"""The ``clearinghouse`` command: Typer commands that call services and render with Rich.

One module per command group; each command imports the services it calls when it runs, so
``clearinghouse --help`` imports Typer, Rich and these modules only.
"""

from __future__ import annotations

import typer

from clearinghouse.cli import exchange, logistics, report, scenarios, serve, training, users
from clearinghouse.cli.plan import plan_app

app = typer.Typer(
    help="Clearing House: match the recipient's needs with donor offers through hubs, optimally.",
    no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
)
app.command()(exchange.init)
app.command("import")(exchange.import_)
app.command()(exchange.export)
app.command()(exchange.demo)
app.add_typer(plan_app, name="plan")
app.command()(serve.serve)
app.add_typer(training.training_app, name="training")
app.add_typer(users.users_app, name="users")
app.add_typer(scenarios.scenario_app, name="scenario")
app.command("mandates")(training.mandates_command)
app.add_typer(logistics.shipments_app, name="shipments")
app.add_typer(report.report_app, name="report")


def main() -> None:
    """The console script ``clearinghouse``."""
    app()

from django.core.management.base import BaseCommand, CommandError

from provisioning.sites import CREATED, UPDATED, provision
from sites.catalogue import DEPARTMENTS_CSV, WARDS_CSV, CatalogueError, load_catalogue
from sites.progress import draw_bar


class Command(BaseCommand):
    help = (
        "Tạo hoặc cập nhật trang của thành phố, các sở, ngành và các phường, xã từ danh mục chính thức. "
        "Chạy lại nhiều lần cũng an toàn: không tạo trùng, không thay đổi gì khi danh mục không đổi."
    )

    def add_arguments(self, parser):
        parser.add_argument("--wards", default=WARDS_CSV, help="Tệp CSV phường, xã (code,name,kind[,label]).")
        parser.add_argument(
            "--departments", default=DEPARTMENTS_CSV, help="Tệp CSV sở, ngành (code,name,short[,label])."
        )
        parser.add_argument("--dry-run", action="store_true", help="Chỉ in ra những gì sẽ thay đổi, không ghi gì.")

    def handle(self, *args, wards, departments, dry_run, verbosity, **options):
        try:
            specs = load_catalogue(wards_csv=wards, departments_csv=departments)
        except CatalogueError as error:
            lines = "\n".join(f"  - {problem}" for problem in error.problems)
            raise CommandError(f"Danh mục có {len(error.problems)} lỗi, chưa tạo gì:\n{lines}") from None

        show_bar = verbosity >= 1 and self.stdout.isatty()
        report = provision(specs, dry_run=dry_run, progress=self._progress if show_bar else None)
        if show_bar:
            self.stdout.write("")

        verb = {CREATED: "sẽ tạo" if dry_run else "tạo mới", UPDATED: "sẽ cập nhật" if dry_run else "cập nhật"}
        for outcome in report.outcomes:
            if outcome.status in verb and (dry_run or verbosity >= 2 or outcome.status == UPDATED):
                self.stdout.write(f"{verb[outcome.status]}: {outcome.spec.name} ({outcome.spec.code})")
                for change in outcome.changes:
                    self.stdout.write(f"    {change}")

        counts = report.counts
        prefix = "Chạy thử (không ghi gì): " if dry_run else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"{prefix}{len(report.outcomes)} đơn vị: {counts['created']} tạo mới, "
                f"{counts['updated']} cập nhật, {counts['unchanged']} không đổi."
            )
        )

    def _progress(self, done, total, spec):
        draw_bar(self.stdout, done, total, spec.name)

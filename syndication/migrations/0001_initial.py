"""Placement and Subscription move here from the `sites` app (label portal_sites) with their tables and rows.

State only: the tables keep their names (`Meta.db_table`); the content types are relabelled so that permissions
and log entries pointing at them still find the models.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MODELS = ("placement", "subscription")


def relabel_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="portal_sites", model__in=MODELS).update(app_label="syndication")


def restore_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="syndication", model__in=MODELS).update(app_label="portal_sites")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("home", "0004_import_keys"),
        ("portal_sites", "0004_syndication"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Placement',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('source_title', models.CharField(max_length=255, verbose_name='tiêu đề bài gốc')),
                        ('source_url', models.URLField(max_length=500, verbose_name='địa chỉ bài gốc')),
                        ('state', models.CharField(choices=[('offered', 'Chờ nhận'), ('accepted', 'Đã nhận'), ('declined', 'Từ chối'), ('revoked', 'Bị thu hồi'), ('withdrawn', 'Bài gốc đã gỡ'), ('source_deleted', 'Bài gốc đã xóa'), ('unlinked', 'Đã tách thành bài riêng')], default='offered', max_length=16, verbose_name='trạng thái')),
                        ('origin', models.CharField(choices=[('push', 'Được chia sẻ'), ('pull', 'Tự chọn đăng lại'), ('subscription', 'Theo dõi chuyên mục'), ('propose', 'Đề xuất lên Cổng Thành phố')], default='push', max_length=16, verbose_name='hình thức')),
                        ('slug', models.SlugField(blank=True, max_length=255)),
                        ('live_at', models.DateTimeField(blank=True, null=True, verbose_name='hiển thị từ')),
                        ('announced', models.BooleanField(default=False)),
                        ('offered_at', models.DateTimeField(auto_now_add=True, verbose_name='thời gian chia sẻ')),
                        ('decided_at', models.DateTimeField(blank=True, null=True, verbose_name='thời gian xử lý')),
                        ('reason', models.TextField(blank=True, verbose_name='lý do')),
                        ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('forked_page', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='forked_from', to=settings.WAGTAIL_PAGE_MODEL)),
                        ('offered_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('section', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.WAGTAIL_PAGE_MODEL, verbose_name='chuyên mục đăng')),
                        ('source', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='placements', to=settings.WAGTAIL_PAGE_MODEL, verbose_name='bài gốc')),
                        ('source_unit', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='portal_sites.unit', verbose_name='trang nguồn')),
                        ('target_unit', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='placements', to='portal_sites.unit', verbose_name='trang đăng lại')),
                    ],
                    options={
                        'db_table': 'portal_sites_placement',
                        'verbose_name': 'bài đăng lại',
                        'verbose_name_plural': 'bài đăng lại',
                        'indexes': [models.Index(fields=['target_unit', 'state', 'live_at'], name='placement_target_state'), models.Index(fields=['section', 'slug'], name='placement_section_slug')],
                        'constraints': [models.UniqueConstraint(fields=('source', 'target_unit'), name='one_placement_per_target')],
                    },
                ),
                migrations.CreateModel(
                    name='Subscription',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('category', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='home.category', verbose_name='chuyên mục tin')),
                        ('unit', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='subscriptions', to='portal_sites.unit', verbose_name='trang')),
                    ],
                    options={
                        'db_table': 'portal_sites_subscription',
                        'verbose_name': 'theo dõi chuyên mục',
                        'verbose_name_plural': 'theo dõi chuyên mục',
                        'constraints': [models.UniqueConstraint(fields=('unit', 'category'), name='one_subscription_per_category')],
                    },
                ),
            ],
        ),
        migrations.RunPython(relabel_content_types, restore_content_types),
    ]

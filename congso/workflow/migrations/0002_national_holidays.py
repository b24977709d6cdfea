"""National days off and làm bù days from data/holidays.toml (the years known when the
install was created; later years come with `congso load_calendar`)."""

from django.db import migrations

from congso.workflow import calendar


def load_holidays(apps, schema_editor):
    CalendarDay = apps.get_model("workflow", "CalendarDay")
    days = calendar.read_calendar_file(calendar.HOLIDAYS_FILE)
    calendar.load_days(CalendarDay, days, agency_id=None)


def unload_holidays(apps, schema_editor):
    CalendarDay = apps.get_model("workflow", "CalendarDay")
    days = calendar.read_calendar_file(calendar.HOLIDAYS_FILE)
    CalendarDay.objects.filter(agency__isnull=True, date__in=[day.date for day in days]).delete()


class Migration(migrations.Migration):
    dependencies = [("workflow", "0001_initial")]

    operations = [migrations.RunPython(load_holidays, unload_holidays)]

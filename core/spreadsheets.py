"""Content in and out of the admin as spreadsheets (CSV, XLSX), with django-import-export.

An import always shows a preview first (rows to create, change and leave as they are, and rows in
error with the reason, by the line of the file); nothing is saved until the editor confirms, and a
file with any error saves nothing. Rows are matched by slug; a row that changes nothing is not
written (no new version, no new ``updated``). What one import writes is one revision in the history
(django-reversion), "Imported from <file>", undone in one step.

A text cell that a spreadsheet would read as a formula is exported with a leading apostrophe
(``core.text.escape_formula``) and read back without it. The ``version`` column carries the row's
version as exported (``core.models.VersionField``): a row that someone changed since is refused,
as a stale form is (``core.admin.LockedAdmin``); an empty cell skips the check.
"""

import reversion
from diff_match_patch import diff_match_patch
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from import_export import fields, resources, widgets
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV, XLSX
from import_export.forms import ExportForm

from .text import escape_formula, unescape_formula


class SlugWidget(widgets.ForeignKeyWidget):
    """A related row by its slug, with a message an editor understands when there is none."""

    def __init__(self, model, **kwargs):
        super().__init__(model, field="slug", **kwargs)

    def clean(self, value, row=None, **kwargs):
        slug = str(value or "").strip()
        if not slug:
            return None
        try:
            return self.model._default_manager.get(slug=slug)
        except self.model.DoesNotExist:
            raise ValueError(
                _("There is no %(thing)s with the slug “%(slug)s”: check the spelling, or add it first.")
                % {"thing": self.model._meta.verbose_name, "slug": slug}
            ) from None


class SlugsWidget(widgets.ManyToManyWidget):
    """Related rows by their slugs, separated by commas, in the order of their slugs."""

    def __init__(self, model, **kwargs):
        super().__init__(model, separator=",", field="slug", **kwargs)

    def clean(self, value, row=None, **kwargs):
        slugs = [slug.strip() for slug in str(value or "").split(",") if slug.strip()]
        found = {obj.slug: obj for obj in self.model._default_manager.filter(slug__in=slugs)}
        missing = [slug for slug in slugs if slug not in found]
        if missing:
            raise ValueError(
                _("None of the %(things)s has these slugs: %(slugs)s. Check the spelling, or add them first.")
                % {"things": self.model._meta.verbose_name_plural, "slugs": ", ".join(missing)}
            )
        return [found[slug] for slug in dict.fromkeys(slugs)]

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return ", ".join(sorted(obj.slug for obj in value.all()))


class DayWidget(widgets.DateWidget):
    """A date as year-month-day, whatever the admin's language."""

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except ValueError:
            raise ValueError(
                _("“%(value)s” is not a date: write it as year-month-day (YYYY-MM-DD).") % {"value": value}
            ) from None

    def render(self, value, obj=None, **kwargs):
        return value.strftime("%Y-%m-%d") if value else ""


class ChoiceWidget(widgets.Widget):
    """One of a field's choices, by its stored value; anything else is refused with the list."""

    def __init__(self, choices, **kwargs):
        self.values = [str(value) for value, _label in choices]
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        text = str(value if value is not None else "").strip()
        if text.endswith(".0") and text[:-2].isdigit():  # a number as a spreadsheet keeps it
            text = text[:-2]
        if not text:
            return ""  # the field's default, if it has one (``choice_field``)
        if text not in self.values:
            raise ValueError(
                _("“%(value)s” is not one of: %(choices)s.") % {"value": text, "choices": ", ".join(self.values)}
            )
        return text


class IntegerChoiceWidget(ChoiceWidget):
    def clean(self, value, row=None, **kwargs):
        text = super().clean(value, row, **kwargs)
        return int(text) if text else text


class YesNoWidget(widgets.BooleanWidget):
    """1 or 0 (as exported), also yes/no and true/false; an empty cell is no."""

    def clean(self, value, row=None, **kwargs):
        text = str(value if value is not None else "").strip().lower()
        if text in {"1", "yes", "true", "1.0"}:
            return True
        if text in {"", "0", "no", "false", "0.0"}:
            return False
        raise ValueError(_("“%(value)s” is not 1 (yes) or 0 (no).") % {"value": value})


def choice_field(model, name: str) -> fields.Field:
    """A column for a field with choices; an empty cell gives the field's default."""
    model_field = model._meta.get_field(name)
    widget_class = IntegerChoiceWidget if isinstance(model_field.choices[0][0], int) else ChoiceWidget
    default = model_field.default if model_field.has_default() else fields.NOT_PROVIDED
    return fields.Field(attribute=name, column_name=name, widget=widget_class(model_field.choices), default=default)


class Diff(resources.Diff):
    """A row's changes for the preview as ``<ins>`` and ``<del>``, without the inline styles of
    django-import-export's (which the site's CSP refuses)."""

    TAGS = {-1: "<del>{}</del>", 0: "{}", 1: "<ins>{}</ins>"}

    def as_html(self):
        cells, dmp = [], diff_match_patch()
        for before, after in zip(self.left, self.right, strict=False):
            if before != after and self.new:
                before = ""
            diff = dmp.diff_main(str(before), str(after))
            dmp.diff_cleanupSemantic(diff)
            cells.append(mark_safe("".join(format_html(self.TAGS[operation], text) for operation, text in diff)))
        return cells


class SpreadsheetResource(resources.ModelResource):
    """A content model's rows by slug, as described in the module's docstring.

    ``user`` (the editor importing) is given by the admin to ``import_data``. Subclasses add their
    own checks of a row in ``row_errors`` and give ``template_rows``, the example rows of the
    template spreadsheet."""

    version = fields.Field(attribute="version", column_name="version", readonly=True)

    class Meta:  # each subclass's Meta adds its model and fields to these (import-export merges them)
        import_id_fields = ("slug",)
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_transactions = True

    def get_diff_class(self):
        return Diff

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.user = None
        self.written = []
        self.row = {}
        self.new = True

    # Export

    def export_field(self, field, instance, **kwargs):
        return escape_formula(super().export_field(field, instance, **kwargs))

    def get_export_order(self):
        # The version last: the editor's columns first.
        order = [name for name in super().get_export_order() if name != "version"]
        return (*order, "version")

    def template_rows(self) -> list[dict]:
        """Example rows of the template spreadsheet, column → value: placeholders, never facts."""
        return []

    def template_dataset(self):
        dataset = self.export(queryset=self._meta.model._default_manager.none())
        for example in self.template_rows():
            dataset.append([escape_formula(example.get(header, "")) for header in dataset.headers])
        return dataset

    # Import

    def import_data(self, dataset, dry_run=False, raise_errors=False, use_transactions=None, **kwargs):
        """All or nothing, and one revision: see the module's docstring."""
        self.user = kwargs.get("user")
        self.written = []
        kwargs["rollback_on_validation_errors"] = True
        with transaction.atomic(), reversion.create_revision(manage_manually=True):
            result = super().import_data(
                dataset, dry_run=dry_run, raise_errors=raise_errors, use_transactions=True, **kwargs
            )
            if not dry_run and self.written and not (result.has_errors() or result.has_validation_errors()):
                reversion.set_comment(
                    _("Imported from %(file)s") % {"file": kwargs.get("file_name") or _("a spreadsheet")}
                )
                if self.user is not None and self.user.is_authenticated:
                    reversion.set_user(self.user)
                for instance in self.written:
                    if reversion.is_registered(type(instance)):
                        reversion.add_to_revision(instance)
        return result

    def before_import(self, dataset, **kwargs):
        """A column the import does not know is refused, named, before any row is read: its cells would
        otherwise be left out without a word (an old export's ``note``, now ``note_en``, or a typing
        slip in a heading)."""
        super().before_import(dataset, **kwargs)
        known = [field.column_name for field in self.fields.values()]
        unknown = [header for header in dataset.headers or [] if str(header or "").strip() and header not in known]
        if unknown:
            raise ValueError(
                ngettext(
                    "This file has a column this import does not know: %(unknown)s. Nothing was imported. "
                    "The columns are: %(known)s. Rename it or remove it (an export made now has the right "
                    "columns).",
                    "This file has columns this import does not know: %(unknown)s. Nothing was imported. "
                    "The columns are: %(known)s. Rename them or remove them (an export made now has the right "
                    "columns).",
                    # One or several: the message does not give the number (21 is "several", not "one").
                    1 if len(unknown) == 1 else 2,
                )
                % {"unknown": ", ".join(f"“{header}”" for header in unknown), "known": ", ".join(known)}
            )

    def before_import_row(self, row, **kwargs):
        for column, value in row.items():
            row[column] = unescape_formula(value)
        self.row = row

    def after_init_instance(self, instance, new, row, **kwargs):
        self.new = new

    def after_save_instance(self, instance, row, **kwargs):
        if not kwargs.get("dry_run"):
            self.written.append(instance)

    def import_instance(self, instance, row, **kwargs):
        # The related rows' slugs are read here too, so that a wrong one is told with the others.
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget) and field.column_name in row:
                try:
                    field.clean(row)
                except ValueError as error:
                    errors[field.attribute] = [str(error)]
        if errors:
            raise ValidationError(errors)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        """Whether the row changes nothing (as django-import-export's, with an empty cell the same as
        a field that is empty or null: a spreadsheet knows no difference)."""
        if import_validation_errors or original is None or original.pk is None:
            return False
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget):
                if field.column_name not in row:
                    continue
                wanted = sorted(obj.pk for obj in field.clean(row))
                if wanted != sorted(field.get_value(original).values_list("pk", flat=True)):
                    return False
            elif _blank(field.get_value(instance)) != _blank(field.get_value(original)):
                return False
        return True

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        stale = self.stale_version(instance)
        if stale:
            errors.setdefault(NON_FIELD_ERRORS, []).append(stale)
        for field, messages_ in self.row_errors(instance, self.row).items():
            errors.setdefault(field, []).extend(messages_ if isinstance(messages_, list) else [messages_])
        super().validate_instance(instance, errors, validate_unique)

    def stale_version(self, instance) -> str | None:
        seen = str(self.row.get("version") or "").strip()
        if self.new or not seen or seen == str(instance.version):
            return None
        return _(
            "Changed by someone else at %(time)s, after this file was exported: export again and make your "
            "changes there, or empty this row's version cell to overwrite theirs."
        ) % {"time": formats.date_format(timezone.localtime(instance.updated), "DATETIME_FORMAT")}

    def row_errors(self, instance, row) -> dict[str, list[str]]:
        """What else is wrong with this row (field or ``NON_FIELD_ERRORS`` → messages)."""
        return {}


def _blank(value):
    return "" if value is None else value


class SpreadsheetAdmin(ImportExportMixin):
    """Import and export (CSV, XLSX) for a content model's admin, with a template to download."""

    formats = [CSV, XLSX]
    export_form_class = ExportForm  # every column: an export is meant to come back as an import
    import_template_name = "core/spreadsheets/import.html"
    to_encoding = "utf-8-sig"  # a byte order mark: spreadsheets then read Cyrillic and Kazakh letters

    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def get_import_data_kwargs(self, **kwargs):
        return {**super().get_import_data_kwargs(**kwargs), "rollback_on_validation_errors": True}

    def get_urls(self):
        opts = self.model._meta
        urls = [
            path(
                "import/template.<str:extension>",
                self.admin_site.admin_view(self.template_view),
                name=f"{opts.app_label}_{opts.model_name}_import_template",
            )
        ]
        return urls + super().get_urls()

    def template_view(self, request, extension):
        if not self.has_import_permission(request):
            return redirect("admin:index")
        by_extension = {format_class().get_extension(): format_class() for format_class in self.formats}
        file_format = by_extension.get(extension)
        if file_format is None:
            return redirect(self.template_url("csv"))
        resource = self.get_import_resource_classes(request)[0]()
        data = file_format.export_data(resource.template_dataset())
        if not file_format.is_binary():
            data = data.encode(self.to_encoding)
        response = HttpResponse(data, content_type=file_format.get_content_type())
        name = f"{self.model._meta.model_name}-template.{extension}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    def template_url(self, extension):
        opts = self.model._meta
        return reverse(
            f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_import_template",
            kwargs={"extension": extension},
        )

    def get_import_context_data(self, **kwargs):
        context = super().get_import_context_data(**kwargs)
        context["template_links"] = [(self.template_url(ext), ext.upper()) for ext in ("csv", "xlsx")]
        return context

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            # The content changed between the preview and the confirmation: nothing was saved.
            messages.error(request, IMPORT_FAILED)
            opts = self.model._meta
            return redirect(f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_import")
        return super().process_result(result, request)


IMPORT_FAILED = gettext_lazy(
    "Nothing was imported: the content changed since the preview, and the file no longer imports "
    "without errors. Import it again to see the preview."
)

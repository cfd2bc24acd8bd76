from django import forms
from django.utils.translation import gettext_lazy as _

from acip.imports.tables import FileRefused, read_table


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "An Excel workbook (.xlsx, first sheet) or a CSV file, up to 2 MB, with the template's header row."
        ),
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        try:
            self.cleaned_data["table"], self.cleaned_data["sha256"] = read_table(uploaded)
        except FileRefused as refused:
            raise forms.ValidationError(str(refused)) from None
        return uploaded

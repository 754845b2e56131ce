"""Image fields that route every upload through ``hypogal.images.sanitize``.

The form field gives the author a clear error; the model field makes the same guarantee for
code paths without a form (management commands, imports, the shell).
"""

from django import forms
from django.db import models

from hypogal import images


class SafeImageFormField(forms.FileField):
    def to_python(self, data):
        upload = super().to_python(data)
        if upload is None or getattr(upload, "hypogal_clean", False):
            return upload
        return images.sanitize(upload, name_hint=upload.name).as_upload()


class SafeImageField(models.ImageField):
    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": SafeImageFormField, **kwargs})

    def pre_save(self, model_instance, add):
        file = getattr(model_instance, self.attname)
        if file and not file._committed:
            source = getattr(file, "file", file)
            if not getattr(source, "hypogal_clean", False):
                clean = images.sanitize(source, name_hint=file.name).as_upload()
                file.save(clean.name, clean, save=False)
                return file
        return super().pre_save(model_instance, add)

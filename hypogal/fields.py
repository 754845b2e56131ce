"""Image fields that route every upload through ``hypogal.images``.

The form field gives the author a clear error before anything is written; the model field makes
the same guarantee for code paths without a form (management commands, imports, the shell),
keeps the renditions, and removes files that are replaced or whose row is deleted.
"""

from django import forms
from django.db import models, transaction
from django.db.models.signals import post_delete

from hypogal import images


class SafeImageFormField(forms.FileField):
    def to_python(self, data):
        upload = super().to_python(data)
        if upload is None or getattr(upload, "hypogal_clean", False):
            return upload
        return images.sanitize(upload, name_hint=upload.name).as_upload()


class SafeImageField(models.ImageField):
    """An ImageField whose stored file is always cleaned.

    ``renditions_field`` names a JSONField (declared after this field) that receives the
    renditions; ``location_field`` a BooleanField (also after) set when GPS data was removed.
    """

    def __init__(self, *args, renditions_field=None, location_field=None, **kwargs):
        self.renditions_field = renditions_field
        self.location_field = location_field
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        for option in ("renditions_field", "location_field"):
            if getattr(self, option):
                kwargs[option] = getattr(self, option)
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": SafeImageFormField, **kwargs})

    def contribute_to_class(self, cls, name, **kwargs):
        super().contribute_to_class(cls, name, **kwargs)
        if not cls._meta.abstract:
            post_delete.connect(self._delete_files, sender=cls, weak=False)

    def _renditions(self, instance):
        return getattr(instance, self.renditions_field) if self.renditions_field else {}

    def _delete_files(self, sender, instance, **kwargs):
        file = getattr(instance, self.attname)
        name, renditions, storage = file.name, self._renditions(instance), file.storage
        transaction.on_commit(lambda: images.delete_files(storage, name, renditions))

    def _previous(self, instance):
        columns = [self.attname] + ([self.renditions_field] if self.renditions_field else [])
        row = type(instance)._base_manager.filter(pk=instance.pk).values(*columns).first()
        if not row:
            return None, {}
        return row[self.attname], row.get(
            self.renditions_field, {}
        ) if self.renditions_field else {}

    def pre_save(self, model_instance, add):
        file = getattr(model_instance, self.attname)
        old_name, old_renditions = (None, {})
        if model_instance.pk is not None and not add:
            old_name, old_renditions = self._previous(model_instance)

        if file and not file._committed:
            source = getattr(file, "file", file)
            if not getattr(source, "hypogal_clean", False):
                source = images.sanitize(source, name_hint=file.name).as_upload()
            file.save(source.name, source, save=False)
            if self.location_field:
                setattr(model_instance, self.location_field, source.location_removed)
            renditions = {}
            if self.renditions_field:
                renditions = images.create_renditions(file.storage, file.name)
                setattr(model_instance, self.renditions_field, renditions)
            # The row is not written yet: if that fails, CleanFilesOnFailedSave removes these.
            model_instance.__dict__.setdefault("_hypogal_new_files", []).append(
                (file.storage, file.name, renditions)
            )
        elif not file and self.renditions_field:
            setattr(model_instance, self.renditions_field, {})

        if old_name and old_name != file.name:
            storage = file.storage
            transaction.on_commit(lambda: images.delete_files(storage, old_name, old_renditions))
        return file


class CleanFilesOnFailedSave:
    """Model mixin: files SafeImageField wrote for a save whose row was refused are removed.

    The field has to write the file before the INSERT (the row stores its name), so a save the
    database refuses (a CHECK constraint, say) would otherwise leave an orphan under MEDIA_ROOT.
    """

    def save(self, *args, **kwargs):
        try:
            super().save(*args, **kwargs)
        except Exception:
            for storage, name, renditions in self.__dict__.pop("_hypogal_new_files", []):
                images.delete_files(storage, name, renditions)
            raise
        self.__dict__.pop("_hypogal_new_files", None)

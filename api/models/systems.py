"""Alert systems, their scales and levels."""

import zoneinfo

from peewee import AutoField, CharField, DateField, FloatField, ForeignKeyField, IntegerField, TextField

from api.models.base import BaseModel, JSONText


class System(BaseModel):
    id = CharField(primary_key=True, max_length=64)
    country = CharField(max_length=2, index=True)
    name_fr = TextField(null=True)
    name_en = TextField(null=True)
    name_nl = TextField(null=True)
    name_es = TextField(null=True)
    name_da = TextField(null=True)
    name_nb = TextField(null=True)
    name_sv = TextField(null=True)
    authority_fr = TextField(null=True)
    authority_en = TextField(null=True)
    authority_nl = TextField(null=True)
    authority_es = TextField(null=True)
    authority_da = TextField(null=True)
    authority_nb = TextField(null=True)
    authority_sv = TextField(null=True)
    time_zone = CharField(max_length=64)
    reviewed_through = DateField()
    description_fr = TextField(null=True)
    description_en = TextField(null=True)
    description_nl = TextField(null=True)
    description_es = TextField(null=True)
    description_da = TextField(null=True)
    description_nb = TextField(null=True)
    description_sv = TextField(null=True)
    ended_date = DateField(null=True)
    source_ids = JSONText(default=list)

    @classmethod
    def listed(cls, country: str | None = None):
        query = cls.select().order_by(cls.id)
        return query if country is None else query.where(cls.country == country)

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def ordered_scales(self):
        return self.scales.order_by(Scale.valid_from.desc(nulls="LAST"), Scale.id)

    @property
    def ordered_levels(self):
        return (
            Level.select(Level, Scale)
            .join(Scale)
            .where(Level.system == self.id)
            .order_by(Scale.valid_from.desc(nulls="LAST"), Scale.id, Level.rank)
        )


class Scale(BaseModel):
    id = CharField(primary_key=True, max_length=64)
    system = ForeignKeyField(System, backref="scales", on_delete="CASCADE")
    name_fr = TextField(null=True)
    name_en = TextField(null=True)
    name_nl = TextField(null=True)
    name_es = TextField(null=True)
    name_da = TextField(null=True)
    name_nb = TextField(null=True)
    name_sv = TextField(null=True)
    valid_from = DateField(null=True)
    valid_to = DateField(null=True)
    source_ids = JSONText(default=list)


class Level(BaseModel):
    id = AutoField()
    system = ForeignKeyField(System, backref="levels", on_delete="CASCADE")
    scale = ForeignKeyField(Scale, backref="levels", on_delete="CASCADE")
    code = CharField(max_length=64)
    rank = IntegerField()
    name_fr = TextField(null=True)
    name_en = TextField(null=True)
    name_nl = TextField(null=True)
    name_es = TextField(null=True)
    name_da = TextField(null=True)
    name_nb = TextField(null=True)
    name_sv = TextField(null=True)
    colour = CharField(max_length=7, null=True)
    severity = FloatField()
    description_fr = TextField(null=True)
    description_en = TextField(null=True)
    description_nl = TextField(null=True)
    description_es = TextField(null=True)
    description_da = TextField(null=True)
    description_nb = TextField(null=True)
    description_sv = TextField(null=True)

    class Meta:
        indexes = ((("system", "code"), True), (("scale", "rank"), True))

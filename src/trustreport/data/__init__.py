"""The data stage: raw tables as published, their schemas and units, validated into tables the chapters read."""

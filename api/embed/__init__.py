"""What people see: the newsroom embeds (iframe page, widget, badge, oEmbed), the change pages, Atom feeds, and the
card, labels and typography they share."""

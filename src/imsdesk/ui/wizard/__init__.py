"""The assessment wizard: introduction, client and scope, one page per harmonized clause with
the QMS and EMS questions side by side, and a review."""

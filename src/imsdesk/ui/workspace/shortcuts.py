"""The keyboard shortcuts, as Help > Keyboard shortcuts shows them."""

SHORTCUTS = """Main window
  Ctrl+N  new assessment · Ctrl+Shift+O  new client · Ctrl+Shift+S  new site
  Enter  continue the selected assessment · F2  rename · Del  delete · Ctrl+Z  undo
  Ctrl+Shift+N  next cycle · Ctrl+Shift+F  finalise · Ctrl+Shift+R  reopen · Ctrl+F  filter
  Ctrl+1 … Ctrl+5  dashboard, objectives, action plan, compare, details · Ctrl+T  targets
  Ctrl+E  export reports · Ctrl+I  import an exchange file · Ctrl+Shift+X  export one

Wizard
  0–5  set the maturity of the highlighted question (and go to the next unanswered one)
  N  not applicable · D  does not arise (then type the reason) · F  your own finding
  G  guidance · Up/Down  previous/next question
  Tab / Shift+Tab  next/previous field · Esc  back from a field to its question
  Ctrl+PgDown / Ctrl+PgUp  next/previous clause · Ctrl+F  find a clause or question
  Ctrl+W  close the wizard (everything is already saved)

Objectives (tab and wizard step)
  Insert / Ctrl+Shift+Q  new quality objective · Ctrl+Shift+E  new environmental target
  Ctrl+Shift+G  suggestions · Ctrl+Shift+L  link · Ctrl+Shift+U  unlink · Del  delete
  Enter  edit, then Enter or Ctrl+S  save · Esc  back to the list

Action plan
  Insert  add your own action · Del  delete it · F2  edit the cell · Alt+R  refresh from answers"""

//! The editor's dialog windows (one at a time, modal): Om virkplan, a message, the form for a
//! new plan, approving a plan, choosing plans to import from another file, confirming that a
//! plan is deleted, and the note after "Gem en kopi som…".

use super::action::{Action, AfterEdit};
use super::clock;
use super::theme;
use crate::model::{Command, Period, PeriodError, Plan, PlanId, PlanState, PlanSummary};
use crate::transfer::CopyNote;
use crate::transfer::SourceFile;
use crate::units;
use std::path::PathBuf;
use std::rc::Rc;

/// Why a dialog's form was not accepted; `Display` is the sentence shown under the form.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormError {
    /// "Ny plan" without a title.
    #[error("Skriv planens titel.")]
    NoTitle,
    /// "Ny plan fra denne" without a title.
    #[error("Skriv den nye plans titel.")]
    NoNewTitle,
    /// A year or period the model refuses.
    #[error(transparent)]
    Period(#[from] PeriodError),
    /// A date that cannot be read.
    #[error(transparent)]
    Date(#[from] units::DateInputError),
}

/// The form for a new plan.
#[derive(Debug, Clone, Default)]
pub struct NewPlanForm {
    title: String,
    organisation: String,
    municipality: String,
    start: String,
    end: String,
    error: Option<FormError>,
}

/// The form for approving a plan.
#[derive(Debug, Clone)]
pub struct ApproveForm {
    plan: PlanId,
    on: String,
    by: String,
    error: Option<FormError>,
}

/// The form for "Ny plan fra denne…".
#[derive(Debug, Clone)]
pub struct RollOverForm {
    from: Box<Plan>,
    title: String,
    start: String,
    end: String,
    error: Option<FormError>,
}

/// A dialog window.
#[derive(Debug, Clone)]
pub enum Modal {
    /// Om virkplan.
    About,
    /// Something the user must read.
    Alert {
        /// The window's title.
        title: String,
        /// The message.
        text: String,
    },
    /// Ny plan.
    NewPlan(NewPlanForm),
    /// Godkend planen.
    Approve(ApproveForm),
    /// Ny plan fra denne.
    RollOver(RollOverForm),
    /// Importér planer fra anden fil: the other file and its plans, ticked or not.
    ChoosePlans {
        /// The other file, open read-only for this dialog.
        source: Rc<SourceFile>,
        /// Its plans and whether each is chosen.
        plans: Vec<(PlanSummary, bool)>,
    },
    /// Slet planen?
    DeletePlan {
        /// The plan.
        plan: PlanId,
        /// Its title.
        title: String,
    },
    /// After "Eksportér PDF…".
    PdfSaved {
        /// Where the PDF is.
        path: PathBuf,
        /// Its pages.
        pages: usize,
        /// What the user should know (characters no font has).
        warnings: Vec<String>,
    },
    /// After "Gem en kopi som…".
    CopySaved {
        /// Where the copy is.
        path: PathBuf,
        /// What was left out, if anything.
        note: CopyNote,
    },
}

impl Modal {
    /// The form for a new plan, with the organisation and municipality of `like` (the plan
    /// shown) and the coming two years.
    pub fn new_plan(like: Option<&Plan>) -> Modal {
        let year = clock::today().year();
        Modal::NewPlan(NewPlanForm {
            title: String::new(),
            organisation: like.map(|p| p.organisation.clone()).unwrap_or_default(),
            municipality: like.map(|p| p.municipality.clone()).unwrap_or_default(),
            start: (year + 1).to_string(),
            end: (year + 2).to_string(),
            error: None,
        })
    }

    /// The form for the plan after `plan`: the following period of the same length.
    pub fn roll_over(plan: &Plan) -> Modal {
        let length = plan.period.end - plan.period.start;
        let start = plan.period.end + 1;
        let end = start + length;
        let title = if length == 0 {
            format!("Virksomhedsplan {start}")
        } else {
            format!("Virksomhedsplan {start}/{end}")
        };
        Modal::RollOver(RollOverForm {
            from: Box::new(plan.clone()),
            title,
            start: start.to_string(),
            end: end.to_string(),
            error: None,
        })
    }

    /// The form for approving `plan`, dated today.
    pub fn approve(plan: &Plan) -> Modal {
        Modal::Approve(ApproveForm {
            plan: plan.id,
            on: units::format_date(clock::today()),
            by: plan.approved_by.clone(),
            error: None,
        })
    }
}

/// A labelled single-line input in a grid.
fn input(ui: &mut egui::Ui, label: &str, text: &mut String, hint: &str) {
    let label = ui.label(label);
    ui.add(
        egui::TextEdit::singleline(text)
            .hint_text(hint)
            .desired_width(320.0),
    )
    .labelled_by(label.id);
    ui.end_row();
}

fn new_plan(form: &NewPlanForm) -> Result<Plan, FormError> {
    if form.title.trim().is_empty() {
        return Err(FormError::NoTitle);
    }
    let start = Period::parse_year(&form.start)?;
    let end = Period::parse_year(&form.end)?;
    Ok(Plan {
        title: form.title.trim().to_owned(),
        organisation: form.organisation.trim().to_owned(),
        municipality: form.municipality.trim().to_owned(),
        period: Period::new(start, end)?,
        ..Plan::default()
    })
}

fn approval(form: &ApproveForm) -> Result<Command, FormError> {
    let on = units::parse_date_input(&form.on)?;
    Ok(Command::Batch(vec![
        Command::SetPlanText {
            plan: form.plan,
            field: crate::model::PlanField::ApprovedBy,
            value: form.by.trim().to_owned(),
        },
        Command::SetState {
            plan: form.plan,
            state: PlanState::Approved,
            approved_on: Some(on),
        },
    ]))
}

/// The buttons under a form that makes a plan: `create` and Annullér (which closes the
/// window). True when `create` was clicked.
fn create_buttons(ui: &mut egui::Ui, out: &mut Vec<Action>, create: &str) -> bool {
    ui.horizontal(|ui| {
        let clicked = ui.button(create).clicked();
        if ui.button("Annullér").clicked() {
            out.push(Action::CloseWindow);
        }
        clicked
    })
    .inner
}

/// Adds the plan a form made (closing the window), or says under the form what is wrong.
fn finish(out: &mut Vec<Action>, error: &mut Option<FormError>, made: Result<Plan, FormError>) {
    match made {
        Ok(plan) => {
            out.push(Action::CloseWindow);
            out.push(Action::Apply(
                Command::InsertPlan(Box::new(plan)),
                AfterEdit::SelectNewPlan,
            ));
        }
        Err(e) => *error = Some(e),
    }
}

/// Draws the open dialog window; what the user decides goes to `out`.
pub fn show(ctx: &egui::Context, window: &mut Modal, out: &mut Vec<Action>) {
    let modal = egui::Modal::new(egui::Id::unique("virkplan-dialog")).show(ctx, |ui| {
        ui.set_max_width(560.0);
        match window {
            Modal::About => {
                ui.heading("Om virkplan");
                ui.label(format!("virkplan version {}", env!("CARGO_PKG_VERSION")));
                ui.label("Virksomhedsplaner for danske kommuner: skriv, følg op og udskriv.");
                ui.label("Alt gemmes, mens du skriver. Fortryd med Ctrl+Z, gentag med Ctrl+Y.");
                if ui.button("Luk").clicked() {
                    out.push(Action::CloseWindow);
                }
            }
            Modal::Alert { title, text } => {
                ui.heading(title.as_str());
                ui.label(text.as_str());
                if ui.button("OK").clicked() {
                    out.push(Action::CloseWindow);
                }
            }
            Modal::NewPlan(form) => {
                ui.heading("Ny plan");
                egui::Grid::new("ny plan")
                    .num_columns(2)
                    .spacing([12.0, 8.0])
                    .min_col_width(super::fields::LABEL_WIDTH)
                    .show(ui, |ui| {
                        input(ui, "Planens titel", &mut form.title, "fx Virksomhedsplan 2014–2015");
                        input(ui, "Forvaltning/afdeling", &mut form.organisation, "");
                        input(ui, "Kommune", &mut form.municipality, "");
                        input(ui, "Periode fra", &mut form.start, "fx 2014");
                        input(ui, "Periode til", &mut form.end, "fx 2015");
                    });
                if let Some(error) = &form.error {
                    ui.colored_label(theme::ERROR_TEXT, error.to_string());
                }
                if create_buttons(ui, out, "Opret plan") {
                    let made = new_plan(form);
                    finish(out, &mut form.error, made);
                }
            }
            Modal::RollOver(form) => {
                ui.heading("Ny plan fra denne");
                ui.label(format!(
                    "Den nye plan får forsiden, indledningen, budgetlinjerne og indsatsområderne fra «{}». Mål, der ikke er opfyldt eller opgivet, føres videre som nye mål, der husker, hvilket mål de fortsætter. Den gamle plan ændres ikke, og den nye følger op på den.",
                    form.from.title
                ));
                egui::Grid::new("ny plan fra denne")
                    .num_columns(2)
                    .spacing([12.0, 8.0])
                    .show(ui, |ui| {
                        input(ui, "Den nye plans titel", &mut form.title, "");
                        input(ui, "Periode fra", &mut form.start, "fx 2014");
                        input(ui, "Periode til", &mut form.end, "fx 2015");
                    });
                if let Some(error) = &form.error {
                    ui.colored_label(theme::ERROR_TEXT, error.to_string());
                }
                if create_buttons(ui, out, "Opret den nye plan") {
                    let made = if form.title.trim().is_empty() {
                        Err(FormError::NoNewTitle)
                    } else {
                        Period::parse_year(&form.start)
                            .and_then(|start| Period::new(start, Period::parse_year(&form.end)?))
                            .map(|p| crate::model::next_plan(&form.from, &form.title, p))
                            .map_err(FormError::from)
                    };
                    finish(out, &mut form.error, made);
                }
            }
            Modal::Approve(form) => {
                ui.heading("Godkend planen");
                ui.label("En godkendt plan låses, så den ikke ændres ved et uheld. Opfølgning kan stadig skrives.");
                egui::Grid::new("godkend")
                    .num_columns(2)
                    .spacing([12.0, 8.0])
                    .min_col_width(super::fields::LABEL_WIDTH)
                    .show(ui, |ui| {
                        input(ui, "Godkendt den", &mut form.on, "fx 12. juni 2012");
                        input(ui, "Godkendt af", &mut form.by, "fx Byrådet");
                    });
                if let Some(error) = &form.error {
                    ui.colored_label(theme::ERROR_TEXT, error.to_string());
                }
                ui.horizontal(|ui| {
                    if ui.button("Godkend").clicked() {
                        match approval(form) {
                            Ok(command) => {
                                out.push(Action::CloseWindow);
                                out.push(Action::Apply(command, AfterEdit::Stay));
                            }
                            Err(e) => form.error = Some(e),
                        }
                    }
                    if ui.button("Annullér").clicked() {
                        out.push(Action::CloseWindow);
                    }
                });
            }
            Modal::ChoosePlans { source, plans } => {
                ui.heading("Importér planer fra anden fil");
                ui.label(format!("Fra {}", source.path().display()));
                ui.label("Planerne kopieres med deres tovholdere. Personer, der allerede findes i denne fil (samme navn og mail), genbruges.");
                for (summary, chosen) in plans.iter_mut() {
                    ui.checkbox(
                        chosen,
                        format!("{} ({}, {})", summary.title, summary.period, summary.state.label()),
                    );
                }
                let chosen: Vec<PlanId> = plans.iter().filter(|(_, c)| *c).map(|(p, _)| p.id).collect();
                ui.horizontal(|ui| {
                    if ui
                        .add_enabled(!chosen.is_empty(), egui::Button::new("Importér de valgte"))
                        .clicked()
                    {
                        out.push(Action::CopyPlans(chosen));
                    }
                    if ui.button("Annullér").clicked() {
                        out.push(Action::CloseWindow);
                    }
                });
            }
            Modal::DeletePlan { plan, title } => {
                ui.heading("Slet planen?");
                ui.label(format!(
                    "«{title}» slettes med alle afsnit, budgetlinjer, indsatsområder, mål og opfølgninger. Du kan fortryde med Ctrl+Z."
                ));
                ui.horizontal(|ui| {
                    if ui.button("Slet planen").clicked() {
                        out.push(Action::CloseWindow);
                        out.push(Action::Apply(Command::DeletePlan(*plan), AfterEdit::Stay));
                    }
                    if ui.button("Annullér").clicked() {
                        out.push(Action::CloseWindow);
                    }
                });
            }
            Modal::PdfSaved {
                path,
                pages,
                warnings,
            } => {
                ui.heading("PDF'en er gemt");
                ui.label(format!("{pages} sider: {}", path.display()));
                for w in warnings.iter() {
                    ui.colored_label(theme::HINT_TEXT, w.as_str());
                }
                ui.horizontal(|ui| {
                    if ui.button("Åbn PDF'en").clicked() {
                        out.push(Action::CloseWindow);
                        out.push(Action::OpenInViewer(path.clone()));
                    }
                    if ui.button("Luk").clicked() {
                        out.push(Action::CloseWindow);
                    }
                });
            }
            Modal::CopySaved { path, note } => {
                ui.heading("Kopien er gemt");
                ui.label(path.display().to_string());
                if let CopyNote::WithoutForeignObjects {
                    versions_left_behind: left,
                } = note
                {
                    ui.label("Filens fremmede dele (fra et andet program) er ikke med i kopien; planer og personer er.");
                    if let Some(text) = versions_left_behind(*left) {
                        ui.label(format!("{text} den oprindelige fil."));
                    }
                }
                ui.horizontal(|ui| {
                    if ui.button("Åbn kopien").clicked() {
                        out.push(Action::CloseWindow);
                        out.push(Action::OpenFile(path.clone()));
                    }
                    if ui.button("Luk").clicked() {
                        out.push(Action::CloseWindow);
                    }
                });
            }
        }
    });
    if modal.should_close() {
        out.push(Action::CloseWindow);
    }
}

/// "3 versioner fulgte ikke med; de findes stadig i" (the file's name follows), or `None` when
/// no version was left behind.
pub(crate) fn versions_left_behind(count: usize) -> Option<String> {
    match count {
        0 => None,
        1 => Some("1 version fulgte ikke med; den findes stadig i".into()),
        n => Some(format!("{n} versioner fulgte ikke med; de findes stadig i")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_are_four_digits_in_range() {
        assert_eq!(Period::parse_year(" 2013 "), Ok(2013));
        assert!(Period::parse_year("13x").is_err());
        assert!(Period::parse_year("20130").is_err());
    }

    #[test]
    fn the_editor_accepts_the_years_the_command_line_and_json_accept() {
        // One rule (model::Period): a 1850 plan imported from JSON can be edited.
        assert_eq!(Period::parse_year("1850"), Ok(1850));
        assert_eq!(Period::parse_year("9999"), Ok(9999));
        let message = Period::parse_year("999").unwrap_err().to_string();
        assert!(message.contains("fire cifre (1000–9999)"), "{message}");
        let message = Period::parse_year("tyve").unwrap_err().to_string();
        assert!(message.contains("«tyve» er ikke et årstal"), "{message}");
        let message = Period::new(2014, 2013).unwrap_err().to_string();
        assert!(
            message.contains("2014–2013") && message.contains("senest"),
            "{message}"
        );
    }

    #[test]
    fn a_period_cannot_end_before_it_starts() {
        assert!(Period::new(2014, 2013).is_err());
        assert_eq!(
            Period::new(2013, 2013),
            Ok(Period {
                start: 2013,
                end: 2013
            })
        );
    }

    #[test]
    fn a_new_plan_needs_a_title_and_a_period() {
        let mut form = NewPlanForm {
            title: " Virksomhedsplan 2014 ".into(),
            start: "2014".into(),
            end: "2015".into(),
            ..NewPlanForm::default()
        };
        let plan = new_plan(&form).unwrap();
        assert_eq!(plan.title, "Virksomhedsplan 2014");
        assert_eq!(
            plan.period,
            Period {
                start: 2014,
                end: 2015
            }
        );
        form.end = "2013".into();
        assert!(new_plan(&form).is_err());
        form.title.clear();
        assert!(new_plan(&form).is_err_and(|e| e.to_string().contains("titel")));
    }
}

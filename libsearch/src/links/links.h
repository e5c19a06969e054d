// Links between resources, from the reference codes they carry
// (Resource::codes). Internal; docs/pathways.md lists the links.
//
// Every code is indexed at build time as a boolean term, kCode + scheme +
// ":" + value (index/document_builder.cpp), so the resources linked to a
// code are one posting list: following a link never scans. This file says
// which codes of an origin point to which codes of its targets, and where
// each link comes from.
#pragma once

#include <xapian.h>

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace spro::links {

// An origin's codes of scheme `from` point to the resources carrying the
// same value under scheme `to`; `via` names the link's source.
struct CodeLink {
  std::string_view from;
  std::string_view to;
  std::string_view via;
};

// The same job from another publisher (an ONISEP job sheet and the ROME
// sheet it cites).
inline constexpr CodeLink kSameJob[] = {{"rome", "rome", "rome"}};
// Jobs related to a job: ROME's mobility table, and the parent and children
// of a ROME 4.0 sheet.
inline constexpr CodeLink kRelatedJobs[] = {
    {"rome_related", "rome", "rome_related"}, {"rome_parent", "rome", "rome_parent"}, {"rome", "rome_parent", "rome_parent"}};
// Jobs sharing an interest centre: many, so narrowed by words (Links::broad).
inline constexpr CodeLink kJobsOfInterest[] = {{"interest", "interest", "interest"}};
// A job's trainings: the ROME codes on offers, the Formacode of the job.
inline constexpr CodeLink kTrainingsOfJob[] = {{"rome", "rome", "rome"}, {"formacode", "formacode", "formacode"}};
// A job's trainings by a shared ONISEP domain, narrowed by words, and those
// of its ROME parent sheet.
inline constexpr CodeLink kTrainingsOfJobBroad[] = {{"onisep_domain", "onisep_domain", "onisep_domain"}};
inline constexpr CodeLink kTrainingsOfParentJob[] = {{"rome_parent", "rome", "rome_parent"}};
// The jobs a training or certification leads to.
inline constexpr CodeLink kJobsOfTraining[] = {{"rome", "rome", "rome"}};
inline constexpr CodeLink kJobsOfTrainingBroad[] = {{"onisep_domain", "onisep_domain", "onisep_domain"}};
// A training's certification and a certification's trainings.
inline constexpr CodeLink kCertificationCodes[] = {{"rncp", "rncp", "rncp"}, {"certifinfo", "certifinfo", "certifinfo"}};
// Certifications giving access to a job (RNCP exports carry ROME codes).
inline constexpr CodeLink kCertificationsOfJob[] = {{"rome", "rome", "rome"}};

// The terms of resources carrying (scheme, value): the value as written
// and, for RNCP, with and without its "RNCP" prefix (partners write both).
std::vector<std::string> code_terms(std::string_view scheme, std::string_view value);

using Codes = std::map<std::string, std::vector<std::string>>;

// The linked resources of one section, as terms, each with where it comes
// from. Strict links are enough by themselves; broad ones (a whole domain,
// an interest centre) keep only the resources sharing a word with the
// origin's titles, so that a nurse's trainings are not every paramedical
// programme.
class Links {
 public:
  template <size_t N>
  void add(const Codes& origin, const CodeLink (&table)[N], bool broad = false) {
    for (const CodeLink& link : table) add(origin, link, broad);
  }
  void add(const Codes& origin, const CodeLink& link, bool broad = false);
  // A term linking by itself (an exact title), with its source.
  void add_term(const std::string& term, std::string_view via);

  bool empty() const { return strict_.empty() && broad_.empty(); }
  // Every linked resource: strict ones, and broad ones matching `words`
  // (a boolean query; broad links are dropped when it is empty).
  Xapian::Query query(const Xapian::Query& words) const;
  // Term -> link source, to tell which links a hit came by.
  const std::map<std::string, std::string>& sources() const { return via_; }

 private:
  std::vector<std::string> strict_;
  std::vector<std::string> broad_;
  std::map<std::string, std::string> via_;
};

}  // namespace spro::links
